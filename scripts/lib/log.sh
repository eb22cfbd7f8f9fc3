# Progress output for the repository's shell scripts. Every line starts with the script's tag
# (set LOG_TAG before sourcing), so interleaved output from nested scripts stays readable.

LOG_TAG="${LOG_TAG:-bitaqa}"

log_info() {
  printf '[%s] %s\n' "$LOG_TAG" "$*"
}

log_warn() {
  printf '[%s] WARNING: %s\n' "$LOG_TAG" "$*" >&2
}

log_error() {
  printf '[%s] ERROR: %s\n' "$LOG_TAG" "$*" >&2
}

# Prints the error and exits with status 1.
die() {
  log_error "$*"
  exit 1
}

# Prints the last lines of a log file, indented, to stderr.
show_log_tail() {
  local file="$1"
  local lines="${2:-30}"

  if [[ -f "$file" ]]; then
    printf '[%s] last %s lines of %s:\n' "$LOG_TAG" "$lines" "$file" >&2
    tail -n "$lines" "$file" | sed 's/^/    /' >&2
  fi
}

# Prints a script's leading comment block (after the #! line) as its help text.
print_script_help() {
  awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$1"
}
