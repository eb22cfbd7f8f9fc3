# Starting and stopping background services through PID files. A PID file alone is not trusted:
# the process must also have the expected command name (and command-line text, when given), so a
# PID reused by an unrelated process is never signalled.

# Succeeds when the process exists and is not a zombie.
pid_running() {
  local pid="$1"
  local state

  [[ -r "/proc/$pid/stat" ]] || return 1
  state="$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null)"
  [[ -n "$state" && "$state" != "Z" ]]
}

# Prints the PID stored in the file when it names a running process with command name $2 whose
# command line contains $3 (optional). Fails otherwise.
pidfile_pid() {
  local pidfile="$1"
  local comm="$2"
  local marker="${3:-}"
  local pid

  [[ -s "$pidfile" ]] || return 1
  pid="$(<"$pidfile")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  pid_running "$pid" || return 1
  [[ "$(cat "/proc/$pid/comm" 2>/dev/null)" == "$comm" ]] || return 1

  if [[ -n "$marker" ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$marker" || return 1
  fi

  printf '%s\n' "$pid"
}

# Shell code that closes every file descriptor above 2 of the shell running it, so a service
# started from there does not hold this script's lock file or pipes open for its lifetime.
CLOSE_INHERITED_FDS='for fd in $(ls "/proc/$$/fd"); do if ((fd > 2)); then eval "exec $fd>&-"; fi; done 2>/dev/null'

# Runs a command (typically one that daemonizes itself) with inherited descriptors closed.
run_without_inherited_fds() {
  bash -c "$CLOSE_INHERITED_FDS"'; exec "$@"' bash "$@"
}

# Starts a command in a new session (so it outlives this shell and its process group), with
# stdin closed and output appended to the log file. The PID file receives the command's PID:
# the wrapper shell writes its own PID and then replaces itself with the command.
start_daemon() {
  local pidfile="$1"
  local logfile="$2"
  shift 2

  rm -f "$pidfile"
  setsid bash -c "$CLOSE_INHERITED_FDS"'; echo "$$" >"$0"; exec "$@"' "$pidfile" "$@" \
    </dev/null >>"$logfile" 2>&1 &

  local deadline=$((SECONDS + 10))

  until [[ -s "$pidfile" ]]; do
    if ((SECONDS >= deadline)); then
      return 1
    fi
    sleep 0.1
  done
}

# Sends SIGTERM, waits up to the timeout in seconds, then sends SIGKILL and waits again.
# Prints how the process ended: "stopped" or "killed".
stop_pid() {
  local pid="$1"
  local timeout_seconds="$2"
  local deadline=$((SECONDS + timeout_seconds))

  kill -TERM "$pid" 2>/dev/null || true

  while pid_running "$pid"; do
    if ((SECONDS >= deadline)); then
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      echo killed
      return
    fi
    sleep 0.2
  done

  echo stopped
}
