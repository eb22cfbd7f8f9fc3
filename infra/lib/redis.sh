# Redis: uses the server at REDIS_URL. When no server responds on a local address, starts
# redis-server without persistence (the apps keep only caches, rate limits and locks in it).

REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
REDIS_DIR="$STATE_DIR/redis"
REDIS_PIDFILE="$RUN_DIR/redis.pid"

# Sets REDIS_HOST and REDIS_PORT from REDIS_URL.
redis_parse_url() {
  if [[ ! "$REDIS_URL" =~ ^redis://([^:/@]+@)?([A-Za-z0-9._-]+)(:([0-9]+))?(/[0-9]*)?$ ]]; then
    die "redis: REDIS_URL '$REDIS_URL' is not redis://host:port[/db]; use for example redis://127.0.0.1:6379"
  fi
  REDIS_HOST="${BASH_REMATCH[2]}"
  REDIS_PORT="${BASH_REMATCH[4]:-6379}"
}

redis_responds() {
  [[ "$(redis-cli -u "$REDIS_URL" ping 2>/dev/null)" == "PONG" ]]
}

redis_our_pid() {
  pidfile_pid "$REDIS_PIDFILE" redis-server
}

redis_start() {
  is_loopback_host "$REDIS_HOST" ||
    die "redis: no server responds on $REDIS_URL; start that server or point REDIS_URL at a local port"
  command -v redis-server >/dev/null ||
    die "redis: no server responds on $REDIS_URL and redis-server is missing; install redis-server"

  mkdir -p "$REDIS_DIR"
  run_without_inherited_fds redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir "$REDIS_DIR" --pidfile "$REDIS_PIDFILE" --logfile "$REDIS_DIR/redis.log" ||
    die "redis: redis-server did not start; see $REDIS_DIR/redis.log"

  local deadline=$((SECONDS + 15))

  until redis_responds; do
    if ((SECONDS >= deadline)); then
      show_log_tail "$REDIS_DIR/redis.log"
      die "redis: redis-server started but $REDIS_URL does not respond to PING"
    fi
    sleep 0.2
  done

  record_started redis
  log_info "redis: started redis-server (pid $(<"$REDIS_PIDFILE")) on $REDIS_URL without persistence"
}

redis_up() {
  local pid

  command -v redis-cli >/dev/null || die "redis: redis-cli is missing; install redis-tools"
  redis_parse_url

  if pid="$(redis_our_pid)"; then
    log_info "redis: already running (started by infra/up.sh, pid $pid) on $REDIS_URL"
  elif redis_responds; then
    log_info "redis: server responds on $REDIS_URL"
  else
    redis_start
  fi
}

redis_down() {
  local pid

  if ! pid="$(redis_our_pid)"; then
    rm -f "$REDIS_PIDFILE"
    log_info "redis: not started by infra/up.sh, left running"
    return
  fi

  log_info "redis: $(stop_pid "$pid" 15) redis-server pid $pid"
  rm -f "$REDIS_PIDFILE"
}

redis_status() {
  local pid detail="external"

  redis_parse_url

  if pid="$(redis_our_pid)"; then
    detail="started by infra/up.sh, pid $pid"
  fi

  if redis_responds; then
    status_line redis up "$REDIS_URL" "$detail"
  else
    status_line redis down "$REDIS_URL" ""
  fi
}
