#!/usr/bin/env bash
# Personalizes a batch of cards through a reader gateway with two emulated encoders, then the
# same APDU sequence straight through the PC/SC binding. bench/card-personalization/README.md
# lists the options and the figures of a run.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ ! -f .bitaqa/env ]]; then
  echo ".bitaqa/env is missing; run bash infra/up.sh first, which writes the service addresses there" >&2
  exit 1
fi
# shellcheck disable=SC1091
source .bitaqa/env
SWC_NODE_PROJECT=bench/card-personalization/tsconfig.json exec node -r @swc-node/register bench/card-personalization/run.ts "$@"
