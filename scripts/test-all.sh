#!/usr/bin/env bash
# Runs every test of the repository against real services. First it installs what is missing
# (Debian PC/SC packages, npm dependencies, generated Prisma clients) and starts the local
# infrastructure with infra/up.sh. Then it runs Jest for each project (infra, then libs, apps,
# tools and e2e), prints a total and stops the services it started.
# Exits with status 1 when any test fails.
#
# Usage: scripts/test-all.sh
# TEST_PROJECT_TIMEOUT sets the seconds one project's Jest run may take (default 1200).
# TEST_PROJECTS limits the run to the listed project folders, for example "infra libs/contracts".
set -uo pipefail

LOG_TAG=test-all
# shellcheck source=lib/log.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/log.sh"
# shellcheck source=lib/paths.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/paths.sh"
# shellcheck source=lib/process.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/process.sh"
# shellcheck source=lib/install.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/install.sh"

cd "$REPO_ROOT" || exit 1

export NX_NO_CLOUD=true
# Prisma's CLI would otherwise check for updates on a host that is not reachable.
export CHECKPOINT_DISABLE=1

TEST_PROJECT_TIMEOUT="${TEST_PROJECT_TIMEOUT:-1200}"
RESULTS_DIR="$STATE_DIR/test-results"
started_components=""

stop_started_infra() {
  if [[ -n "$started_components" ]]; then
    log_info "stopping what this run started: $started_components"
    # Word splitting is intended: one argument per component.
    # shellcheck disable=SC2086
    bash infra/down.sh $started_components || log_warn "infra/down.sh failed"
  fi
}

trap stop_started_infra EXIT
trap 'exit 130' INT TERM

start_infra() {
  local status=0

  bash infra/up.sh || status=$?

  if [[ -f "$RUN_DIR/last-up-started" ]]; then
    started_components="$(paste -sd ' ' "$RUN_DIR/last-up-started")"
  fi

  ((status == 0)) || die "infra/up.sh failed; the tests need Kafka, PostgreSQL, Redis and pcscd"

  # shellcheck source=/dev/null
  source "$ENV_FILE"
}

# Prints the Jest config files in run order: infra, libraries, apps, tools, end-to-end tests.
list_jest_configs() {
  local pattern

  for pattern in infra/jest.config.js libs/*/jest.config.js apps/*/jest.config.js \
    tools/*/jest.config.js e2e/jest.config.js e2e/*/jest.config.js; do
    for config in $pattern; do
      [[ -f "$config" ]] || continue

      if [[ -z "${TEST_PROJECTS:-}" || " $TEST_PROJECTS " == *" ${config%/jest.config.js} "* ]]; then
        printf '%s\n' "$config"
      fi
    done
  done
}

# Seconds Jest may keep running after it wrote its results. Jest waits for open handles (a
# connection or timer a test left behind) without end, so the run is stopped and fails instead.
JEST_EXIT_GRACE=30
STATUS_TIMEOUT=124
STATUS_OPEN_HANDLES=125

# Runs one project's Jest and returns its status, or STATUS_TIMEOUT when the run exceeded
# TEST_PROJECT_TIMEOUT, or STATUS_OPEN_HANDLES when Jest did not exit after writing results.
run_jest() {
  local config="$1"
  local result="$2"
  local started=$SECONDS finished_at="" verdict=""

  node_modules/.bin/jest --config "$config" --runInBand --passWithNoTests --json \
    --outputFile="$result" </dev/null &
  local pid=$!

  # pid_running, unlike kill -0, treats the exited child (a zombie until `wait`) as stopped.
  while pid_running "$pid"; do
    if [[ -z "$finished_at" && -s "$result" ]]; then
      finished_at=$SECONDS
    fi

    if [[ -n "$finished_at" ]] && ((SECONDS - finished_at > JEST_EXIT_GRACE)); then
      verdict=$STATUS_OPEN_HANDLES
    elif ((SECONDS - started > TEST_PROJECT_TIMEOUT)); then
      verdict=$STATUS_TIMEOUT
    fi

    if [[ -n "$verdict" ]]; then
      kill -TERM "$pid" 2>/dev/null
      sleep 5
      kill -KILL "$pid" 2>/dev/null
      wait "$pid" 2>/dev/null
      return "$verdict"
    fi
    sleep 1
  done

  wait "$pid"
}

describe_jest_status() {
  case "$1" in
    "$STATUS_TIMEOUT") echo "Jest was stopped after the ${TEST_PROJECT_TIMEOUT} s project timeout" ;;
    "$STATUS_OPEN_HANDLES")
      echo "Jest did not exit ${JEST_EXIT_GRACE} s after its tests finished; a test leaves open handles (find them with --detectOpenHandles)"
      ;;
    *) echo "Jest exited with status $1" ;;
  esac
}

total_passed=0
total_failed=0
total_skipped=0
failed_projects=()
failed_tests=()

run_project() {
  local config="$1"
  local project="${config%/jest.config.js}"
  local result="$RESULTS_DIR/${project//\//_}.json"
  local started=$SECONDS status=0 summary passed failed skipped

  log_info "$project: running"
  rm -f "$result"
  run_jest "$config" "$result" || status=$?

  if [[ -s "$result" ]] && summary="$(node scripts/lib/jest-summary.js "$result")"; then
    read -r passed failed skipped <<<"$(head -n 1 <<<"$summary")"
    mapfile -t -O "${#failed_tests[@]}" failed_tests < <(tail -n +2 <<<"$summary")
  else
    passed=0 failed=0 skipped=0
  fi

  # A non-zero exit with no failed test (timeout, crash, open handles) still fails the project.
  if ((status != 0 && failed == 0)); then
    failed=1
    failed_tests+=("$project: $(describe_jest_status "$status")")
  fi

  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  total_skipped=$((total_skipped + skipped))
  ((failed == 0)) || failed_projects+=("$project")
  log_info "$project: $passed passed, $failed failed, $skipped skipped ($((SECONDS - started)) s)"
}

# Lint, including the Nx module-boundary rule that forbids an app importing another app, counts
# as one more check in the total.
run_lint() {
  local started=$SECONDS

  log_info "lint: running"
  if npm run --silent lint </dev/null; then
    total_passed=$((total_passed + 1))
    log_info "lint: passed ($((SECONDS - started)) s)"
  else
    total_failed=$((total_failed + 1))
    failed_projects+=("lint")
    failed_tests+=("lint: npm run lint found problems")
  fi
}

main() {
  local config run_started=$SECONDS

  install_dependencies
  start_infra
  mkdir -p "$RESULTS_DIR"

  while read -r config; do
    run_project "$config"
  done < <(list_jest_configs)

  run_lint

  log_info "all projects finished in $((SECONDS - run_started)) s"

  if ((${#failed_projects[@]} > 0)); then
    log_info "failed projects: ${failed_projects[*]}"
    printf '  %s\n' "${failed_tests[@]:0:50}"
  fi

  # Stop the services before the total, so the total stays the last line of the output.
  stop_started_infra
  started_components=""

  local line="$total_passed passed, $total_failed failed"

  ((total_skipped == 0)) || line+=", $total_skipped skipped"
  echo "$line"

  ((total_failed == 0))
}

main
