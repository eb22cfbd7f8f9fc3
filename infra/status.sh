#!/usr/bin/env bash
# Shows each local infrastructure component as up or down, with its address and whether
# infra/up.sh started it. With --check it also proves each one works: a Kafka produce and
# consume round trip, a query on every app database, a Redis PING and the PC/SC reader list.
# Exits with status 1 when a component is down or a check fails.
#
# Usage: infra/status.sh [--check]
set -euo pipefail

LOG_TAG=status
# shellcheck source=lib/load.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/load.sh"

if [[ -f "$ENV_FILE" ]]; then
  # shellcheck source=/dev/null
  source "$ENV_FILE"
fi

check_postgres() {
  local entry database

  for entry in "${POSTGRES_APP_DATABASES[@]}"; do
    database="${entry#* }"
    psql -d "$database" -tAc 'SELECT 1' >/dev/null 2>&1 || return 1
  done
}

check_pcsc() {
  local readers

  readers="$(opensc-tool --list-readers 2>&1)" || return 1
  printf '%s\n' "$readers" | sed 's/^/    /'
  grep -q 'Virtual PCD' <<<"$readers"
}

run_check() {
  local name="$1"
  shift

  if "$@"; then
    log_info "check $name: ok"
  else
    log_error "check $name: failed"
    failures=$((failures + 1))
  fi
}

output="$(
  status_line component state address detail
  kafka_status
  postgres_status
  redis_status
  pcscd_status
)"
printf '%s\n' "$output"

failures=$(grep -c '^[a-z]* *down ' <<<"$output" || true)

if [[ "${1:-}" == "--check" ]]; then
  require_node_modules
  run_check kafka run_ts infra/scripts/kafka-check.ts
  run_check postgres check_postgres
  run_check redis redis_responds
  run_check pcsc check_pcsc
fi

exit $((failures > 0))
