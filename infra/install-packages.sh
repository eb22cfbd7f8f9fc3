#!/usr/bin/env bash
# Installs the Debian packages of the local infrastructure that are missing (PC/SC: pcscd, the
# vpcd driver, libpcsclite-dev, pcsc-tools, opensc). Runs apt-get, so it needs root.
# scripts/test-all.sh runs it before `npm ci`, which compiles the smartcard package against
# libpcsclite-dev; infra/up.sh runs the same check before it starts pcscd.
set -euo pipefail

LOG_TAG=packages
# shellcheck source=lib/load.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/load.sh"

install_debian_packages "${PCSC_PACKAGES[@]}"
log_info "Debian packages present: ${PCSC_PACKAGES[*]}"
