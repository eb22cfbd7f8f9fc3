#!/usr/bin/env bash
# Stops the services that infra/up.sh started (found through their PID files and markers) and
# leaves everything else running. Keeps data unless --purge is given: then it also deletes the
# Kafka data, the logs and the env file, and drops the app databases (the Kafka jar cache stays).
#
# Usage: infra/down.sh [--purge] [component...]   components: kafka postgres redis pcscd
set -euo pipefail

LOG_TAG=down
# shellcheck source=lib/load.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/load.sh"

purge=0
components=()

for argument in "$@"; do
  case "$argument" in
    --purge) purge=1 ;;
    -h | --help)
      print_script_help "${BASH_SOURCE[0]}"
      exit 0
      ;;
    *) components+=("$argument") ;;
  esac
done

select_components "${components[@]}"
infra_lock

for ((index = ${#INFRA_COMPONENTS[@]} - 1; index >= 0; index--)); do
  component="${INFRA_COMPONENTS[index]}"

  if ! component_selected "$component" || [[ "$component" == "topics" ]]; then
    continue
  fi

  if ((purge)) && [[ "$component" == "postgres" ]]; then
    postgres_purge
  fi

  "${component}_down"

  if ((purge)); then
    case "$component" in
      kafka) kafka_purge ;;
      redis) rm -rf "$REDIS_DIR" ;;
      pcscd) rm -rf "$PCSC_DIR" ;;
    esac
  fi
done

if ((purge)); then
  rm -f "$ENV_FILE"
  log_info "purged runtime state under $STATE_DIR"
fi
