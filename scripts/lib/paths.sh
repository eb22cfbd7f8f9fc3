# Repository paths shared by the infra and test scripts. Source after setting nothing: the
# repository root is found from this file's own location.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# Runtime state (downloaded jars, broker data, PID files, logs, the env file). Gitignored.
STATE_DIR="${BITAQA_STATE_DIR:-$REPO_ROOT/.bitaqa}"

# PID files of the processes infra/up.sh started, and markers for services it started.
RUN_DIR="$STATE_DIR/run"

# Shell file with the service addresses, written by infra/up.sh for other scripts to source.
ENV_FILE="$STATE_DIR/env"
