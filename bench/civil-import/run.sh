#!/usr/bin/env bash
# Times the civil-records bulk import of a generated register against psql \copy of the same
# files. bench/README.md lists the options and the figures of a run.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ ! -f .bitaqa/env ]]; then
  echo ".bitaqa/env is missing; run bash infra/up.sh first, which writes the database address there" >&2
  exit 1
fi
# shellcheck disable=SC1091
source .bitaqa/env
exec node -r @swc-node/register bench/civil-import/run.ts "$@"
