# Runs the repository's TypeScript scripts with SWC, resolving the @bitaqa/* path aliases.

# Usage: run_ts infra/scripts/create-topics.ts [args...] (paths relative to the repository root).
run_ts() {
  local script="$1"
  shift

  SWC_NODE_PROJECT="$REPO_ROOT/infra/tsconfig.json" \
    node -r @swc-node/register "$REPO_ROOT/$script" "$@"
}

# Fails with a clear message when the npm dependencies are not installed.
require_node_modules() {
  if [[ ! -d "$REPO_ROOT/node_modules/kafkajs" || ! -d "$REPO_ROOT/node_modules/@swc-node/register" ]]; then
    die "npm dependencies are missing in $REPO_ROOT/node_modules; run 'npm ci' first"
  fi
}
