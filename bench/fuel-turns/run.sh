#!/usr/bin/env bash
# Times one fuel-allocation turn scheduling run and the operator queue view against plain SQL.
# bench/fuel-turns/README.md lists the options and the figures of a run.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ ! -f .bitaqa/env ]]; then
  echo ".bitaqa/env is missing; run bash infra/up.sh first, which writes the service addresses there" >&2
  exit 1
fi
# shellcheck disable=SC1091
source .bitaqa/env
SWC_NODE_PROJECT=bench/fuel-turns/tsconfig.json exec node -r @swc-node/register bench/fuel-turns/run.ts "$@"
