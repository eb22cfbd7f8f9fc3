#!/usr/bin/env bash
# Runs the platform on the sample population: installs what is missing, starts Kafka, pcscd,
# the app databases and all six apps, feeds 10,000 families through the main flow with progress
# lines, and prints a summary. The infrastructure stays up afterwards; `bash infra/down.sh`
# stops it.
#
# Usage: scripts/demo.sh [-- demo options]   (scripts/demo.sh -- --help lists the options)
set -euo pipefail

LOG_TAG=demo
# shellcheck source=lib/log.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/log.sh"
# shellcheck source=lib/paths.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/paths.sh"
# shellcheck source=lib/install.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/install.sh"

cd "$REPO_ROOT"

export NX_NO_CLOUD=true
# Prisma's CLI would otherwise check for updates on a host that is not reachable.
export CHECKPOINT_DISABLE=1

if [[ "${1:-}" == "--" ]]; then
  shift
fi

install_dependencies
bash infra/up.sh || die "infra/up.sh failed; the demo needs Kafka, PostgreSQL, Redis and pcscd"

# shellcheck source=/dev/null
source "$ENV_FILE"

log_info "running the main flow"
node -r @swc-node/register tools/flow/demo.ts "$@"
