# shellcheck shell=bash
# Installs what the repository needs and is missing: Debian PC/SC packages, npm dependencies
# and the generated Prisma clients. Sourced by scripts/test-all.sh and scripts/demo.sh, after
# lib/log.sh and lib/paths.sh, with the repository root as the working directory.

# Checksum of the package-lock.json that the last `npm ci` of this script installed.
LOCK_MARKER=node_modules/.bitaqa-package-lock.sha256

# Succeeds when node_modules is missing or was installed from another package-lock.json. Without
# a marker from this script, npm's own node_modules/.package-lock.json must not be older.
node_modules_stale() {
  if [[ ! -d node_modules ]]; then
    return 0
  fi

  if [[ -f "$LOCK_MARKER" ]]; then
    ! sha256sum --quiet --check "$LOCK_MARKER" >/dev/null 2>&1
  else
    [[ package-lock.json -nt node_modules/.package-lock.json ]]
  fi
}

# Debian packages that only the tests use: pdftotext and pdffonts (poppler-utils) read back the
# PDFs of the civil-records extract tests, and softhsm2 is the PKCS#11 token of the card key
# store tests.
TEST_DEBIAN_PACKAGES=(poppler-utils softhsm2)

install_test_packages() {
  local package missing=()

  for package in "${TEST_DEBIAN_PACKAGES[@]}"; do
    if [[ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" != "install ok installed" ]]; then
      missing+=("$package")
    fi
  done

  if ((${#missing[@]} == 0)); then
    return
  fi

  log_info "installing Debian packages for the tests: ${missing[*]}"
  apt-get update -qq >/dev/null || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    >/dev/null || die "apt-get install ${missing[*]} failed"
}

install_dependencies() {
  bash infra/install-packages.sh || die "installing the Debian packages failed"
  install_test_packages

  if node_modules_stale; then
    log_info "installing npm dependencies (npm ci)"
    npm ci --no-audit --no-fund || die "npm ci failed"
    sha256sum package-lock.json >"$LOCK_MARKER"
  fi

  generate_prisma_clients
}

generate_prisma_clients() {
  local schema app_dir

  # prisma generate needs no schema engine, but the CLI looks for one before it starts and
  # cannot download it here. Any existing file satisfies that check.
  export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$(type -P true)}"

  for schema in apps/*/prisma/schema.prisma; do
    [[ -f "$schema" ]] || continue
    app_dir="${schema%/prisma/schema.prisma}"

    if [[ -f "$app_dir/prisma.config.ts" ]]; then
      npx prisma generate --config "$app_dir/prisma.config.ts" >/dev/null
    else
      npx prisma generate --schema "$schema" >/dev/null
    fi || die "prisma generate failed for $schema"

    log_info "generated the Prisma client of $app_dir"
  done
}
