#!/usr/bin/env bash
# Measures what the civil-records person journal costs: person inserts with and without the
# journal trigger, and an asOf replay read next to a plain primary-key read.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ ! -f .bitaqa/env ]]; then
  echo ".bitaqa/env is missing; run bash infra/up.sh first, which writes the database address there" >&2
  exit 1
fi
# shellcheck disable=SC1091
source .bitaqa/env
exec node -r @swc-node/register bench/civil-journal/run.ts "$@"
