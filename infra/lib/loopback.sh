# shellcheck shell=bash
# Immediate TCP acknowledgements on the loopback routes, for the vpcd connection.
#
# vpcd 0.8 sends each frame as two writes, the 2-byte length and then the payload. Nagle's
# algorithm delays the payload until the card emulator acknowledges the length, and Linux delays
# that acknowledgement by up to 40 ms, so every APDU took about 44 ms and one card about 930 ms.
# With `quickack 1` on the loopback routes a card takes under 15 ms (tools/card/measure-hopper.ts).
# The setting needs root and changes the machine's routing table, so up.sh records that it made
# the change and down.sh puts the routes back.

LOOPBACK_MARKER="$RUN_DIR/loopback-quickack"
LOOPBACK_ROUTES=("127.0.0.0/8" "127.0.0.1")

loopback_route_line() {
  ip route show table local 2>/dev/null | grep -E "^local ${1//./\\.} dev lo " | head -n 1
}

loopback_set_quickack() {
  local value="$1" route line

  for route in "${LOOPBACK_ROUTES[@]}"; do
    line="$(loopback_route_line "$route")"
    [[ -n "$line" ]] || return 1
    # Replace the quickack attribute, keep the rest of the kernel's route as it is.
    line="${line// quickack [01]/}"
    # shellcheck disable=SC2086
    ip route change table local $line quickack "$value" || return 1
  done
}

loopback_quickack_up() {
  if [[ "$(loopback_route_line 127.0.0.1)" == *"quickack 1"* ]]; then
    return
  fi

  if [[ "$(id -u)" != 0 ]] || ! command -v ip >/dev/null; then
    log_warn "loopback: cannot enable TCP quickack (needs root and iproute2); each card will take about a second to write"
    return
  fi

  if loopback_set_quickack 1; then
    touch "$LOOPBACK_MARKER"
    log_info "loopback: enabled TCP quickack on the loopback routes so vpcd frames are not held 40 ms"
  else
    log_warn "loopback: enabling TCP quickack failed; each card will take about a second to write"
  fi
}

loopback_quickack_down() {
  [[ -f "$LOOPBACK_MARKER" ]] || return 0

  if loopback_set_quickack 0; then
    log_info "loopback: restored the loopback routes without TCP quickack"
  fi
  rm -f "$LOOPBACK_MARKER"
}
