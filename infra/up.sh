#!/usr/bin/env bash
# Starts the parts of the local infrastructure that are not running yet, without a container
# engine. The parts are Apache Kafka (KRaft, from the broker's jars on Maven Central), the topics
# of the catalogue, the app databases on PostgreSQL, Redis, and pcscd with the vpcd virtual
# reader. Running it again changes nothing that already runs. Writes the addresses to .bitaqa/env.
#
# Usage: infra/up.sh [component...]   components: kafka topics postgres redis pcscd (default: all)
# Settings (environment): KAFKA_BROKERS, PGHOST, PGPORT, PGUSER, REDIS_URL, VPCD_PORT,
# BITAQA_PCSCD=external, KAFKA_HEAP_OPTS. infra/README.md describes each.
set -euo pipefail

LOG_TAG=up
# shellcheck source=lib/load.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/load.sh"

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  print_script_help "${BASH_SOURCE[0]}"
  exit 0
fi

select_components "$@"
require_node_modules
infra_lock
reset_started_record
mkdir -p "$STATE_DIR"

started_at=$SECONDS
token_keys_ensure

for component in "${SELECTED_COMPONENTS[@]}"; do
  "${component}_up"
done

env_write

started="$(paste -sd ' ' "$LAST_UP_STARTED")"
log_info "ready in $((SECONDS - started_at)) s; started this run: ${started:-nothing}"
