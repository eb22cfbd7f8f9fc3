# Loads the shared shell helpers and every component of the local infrastructure.
# Sourced by infra/up.sh, infra/down.sh and infra/status.sh.

INFRA_LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# shellcheck source=/dev/null
for helper in log paths net process node; do
  source "$INFRA_LIB_DIR/../../scripts/lib/$helper.sh"
done

# shellcheck source=/dev/null
for component in state packages token-keys kafka topics postgres redis loopback pcscd env-file; do
  source "$INFRA_LIB_DIR/$component.sh"
done

unset helper component

# Components in start order; down.sh stops them in reverse.
INFRA_COMPONENTS=(kafka topics postgres redis pcscd)

# Serializes up.sh and down.sh runs, so two callers never start the same service twice.
infra_lock() {
  mkdir -p "$RUN_DIR"
  exec 9>"$RUN_DIR/lock"

  if ! flock -n 9; then
    log_info "waiting for another infra/up.sh or infra/down.sh to finish"
    flock -w 600 9 || die "another infra/up.sh or infra/down.sh still runs after 600 s"
  fi
}

# Sets SELECTED_COMPONENTS from the arguments, or to all components when there are none.
select_components() {
  local name known

  SELECTED_COMPONENTS=()

  for name in "$@"; do
    known=0
    [[ " ${INFRA_COMPONENTS[*]} " == *" $name "* ]] && known=1
    ((known)) || die "unknown component '$name'; choose from: ${INFRA_COMPONENTS[*]}"
    SELECTED_COMPONENTS+=("$name")
  done

  if ((${#SELECTED_COMPONENTS[@]} == 0)); then
    SELECTED_COMPONENTS=("${INFRA_COMPONENTS[@]}")
  fi
}

component_selected() {
  [[ " ${SELECTED_COMPONENTS[*]} " == *" $1 "* ]]
}
