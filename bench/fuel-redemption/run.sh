#!/usr/bin/env bash
# Drives POST /redemptions of a fuel-allocation it starts, then pgbench with the same debit SQL.
# The fuel redemption section of bench/README.md lists the options and a recorded run.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ ! -f .bitaqa/env ]]; then
  echo ".bitaqa/env is missing; run bash infra/up.sh first, which writes the service addresses there" >&2
  exit 1
fi
# shellcheck disable=SC1091
source .bitaqa/env
SWC_NODE_PROJECT=bench/fuel-redemption/tsconfig.json exec node -r @swc-node/register bench/fuel-redemption/run.ts "$@"
