# TCP helpers that need no client tools: bash's /dev/tcp and the kernel's socket tables.

# Succeeds when a TCP connection to host:port opens within two seconds.
tcp_port_open() {
  local host="$1"
  local port="$2"

  timeout 2 bash -c "exec 3<>/dev/tcp/${host}/${port}" 2>/dev/null
}

# Succeeds when some socket on this machine listens on the TCP port (any address, IPv4 or IPv6).
# Reads /proc/net/tcp{,6} instead of connecting, because a connection to a vpcd port counts
# as a card insertion.
tcp_port_listening() {
  local port="$1"
  local hex

  hex="$(printf '%04X' "$port")"
  awk -v port="$hex" '$4 == "0A" && toupper(substr($2, length($2) - 3)) == port { found = 1 }
    END { exit found ? 0 : 1 }' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

# Waits until host:port accepts connections; fails after the timeout in seconds.
wait_for_tcp_port() {
  local host="$1"
  local port="$2"
  local timeout_seconds="$3"
  local deadline=$((SECONDS + timeout_seconds))

  until tcp_port_open "$host" "$port"; do
    if ((SECONDS >= deadline)); then
      return 1
    fi
    sleep 0.5
  done
}

# Waits until the TCP port has a listening socket; fails after the timeout in seconds.
wait_for_tcp_listener() {
  local port="$1"
  local timeout_seconds="$2"
  local deadline=$((SECONDS + timeout_seconds))

  until tcp_port_listening "$port"; do
    if ((SECONDS >= deadline)); then
      return 1
    fi
    sleep 0.5
  done
}

# Splits "host:port" into the globals SPLIT_HOST and SPLIT_PORT. Fails on anything else.
split_host_port() {
  local address="$1"

  if [[ ! "$address" =~ ^([A-Za-z0-9._-]+):([0-9]{1,5})$ ]]; then
    return 1
  fi
  SPLIT_HOST="${BASH_REMATCH[1]}"
  SPLIT_PORT="${BASH_REMATCH[2]}"
}

# Succeeds when the host name is this machine's loopback address.
is_loopback_host() {
  case "$1" in
    127.0.0.1 | localhost) return 0 ;;
    *) return 1 ;;
  esac
}
