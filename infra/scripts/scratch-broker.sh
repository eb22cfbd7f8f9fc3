#!/usr/bin/env bash
# Starts or stops a throwaway Kafka broker that runs the configuration infra/lib/kafka.sh writes,
# with its own state folder, ports and token signing key. Use it to try a broker configuration
# change without restarting the shared broker. `start` writes the scratch broker's addresses and
# key paths to SCRATCH_STATE_DIR/env; tests run against it after sourcing that file.
#
# Usage: infra/scripts/scratch-broker.sh start | stop [--purge]
# Settings: SCRATCH_STATE_DIR (default /tmp/bitaqa-scratch-broker) and SCRATCH_KAFKA_BROKERS
# (default 127.0.0.1:19192; the controller listener takes the next port, the SASL listener the
# one after). The jars come from the shared cache in .bitaqa/kafka/libs when it is there.
set -euo pipefail

scratch_repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

export BITAQA_STATE_DIR="${SCRATCH_STATE_DIR:-/tmp/bitaqa-scratch-broker}"
export KAFKA_BROKERS="${SCRATCH_KAFKA_BROKERS:-127.0.0.1:19192}"
export KAFKA_LIBS_DIR="${KAFKA_LIBS_DIR:-$scratch_repo_root/.bitaqa/kafka/libs}"
unset KAFKA_SASL_BROKERS AUTH_ISSUER

LOG_TAG=scratch-broker
# shellcheck source=../lib/load.sh
source "$scratch_repo_root/infra/lib/load.sh"

# The shared state folder belongs to infra/up.sh; stopping or purging it here would take the
# shared broker away from everyone else.
if [[ "$(realpath -m "$STATE_DIR")" == "$(realpath -m "$REPO_ROOT/.bitaqa")" ]]; then
  die "SCRATCH_STATE_DIR must not be the shared state folder $REPO_ROOT/.bitaqa; choose another folder"
fi

scratch_start() {
  require_node_modules
  mkdir -p "$STATE_DIR"
  infra_lock
  reset_started_record
  token_keys_ensure
  kafka_up
  env_write
}

scratch_stop() {
  infra_lock
  kafka_down

  if [[ "${1:-}" == "--purge" ]]; then
    exec 9>&-
    rm -rf "$STATE_DIR"
    log_info "removed $STATE_DIR"
  fi
}

case "${1:-}" in
  start) scratch_start ;;
  stop) scratch_stop "${2:-}" ;;
  *) die "usage: infra/scripts/scratch-broker.sh start | stop [--purge]" ;;
esac
