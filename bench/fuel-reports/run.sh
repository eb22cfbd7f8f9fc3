#!/usr/bin/env bash
# Times the fuel-allocation what-if and operator reports on a large synthetic population against
# raw scans. bench/fuel-reports/README.md lists the options and the figures of a run.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ ! -f .bitaqa/env ]]; then
  echo ".bitaqa/env is missing; run bash infra/up.sh first, which writes the service addresses there" >&2
  exit 1
fi
# shellcheck disable=SC1091
source .bitaqa/env
SWC_NODE_PROJECT=bench/fuel-reports/tsconfig.json exec node -r @swc-node/register bench/fuel-reports/run.ts "$@"
