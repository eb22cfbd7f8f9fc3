# Bookkeeping shared by up.sh, down.sh and status.sh.

# Lists the components that the current up.sh run started, one per line, so a caller such as
# scripts/test-all.sh can stop exactly those afterwards.
LAST_UP_STARTED="$RUN_DIR/last-up-started"

reset_started_record() {
  mkdir -p "$RUN_DIR"
  : >"$LAST_UP_STARTED"
}

record_started() {
  printf '%s\n' "$1" >>"$LAST_UP_STARTED"
}

# Prints one aligned status row: component, up/down, address, detail.
status_line() {
  printf '%-10s %-5s %-32s %s\n' "$1" "$2" "$3" "$4"
}
