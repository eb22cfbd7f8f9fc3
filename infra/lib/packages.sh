# Debian packages the local infrastructure needs. The PC/SC ones also have to be present before
# `npm ci`, because the smartcard npm package compiles against libpcsclite-dev.

# pcscd and the vpcd virtual reader driver, the PC/SC headers, and the reader tools
# (pcsc_scan, opensc-tool) used to check that the virtual reader appears.
PCSC_PACKAGES=(pcscd libpcsclite-dev vsmartcard-vpcd pcsc-tools opensc)

PACKAGES_LOG="$STATE_DIR/apt.log"

# Installs the packages that are not installed yet, with apt-get (needs root).
install_debian_packages() {
  local package missing=()

  for package in "$@"; do
    if [[ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" != "install ok installed" ]]; then
      missing+=("$package")
    fi
  done

  if ((${#missing[@]} == 0)); then
    return
  fi

  command -v apt-get >/dev/null ||
    die "packages: ${missing[*]} are missing and apt-get is not available; install them by hand"
  [[ "$(id -u)" == "0" ]] ||
    die "packages: ${missing[*]} are missing; run: sudo apt-get install ${missing[*]}"

  mkdir -p "$STATE_DIR"
  log_info "packages: installing Debian packages ${missing[*]}"

  if ! apt-get update -qq >"$PACKAGES_LOG" 2>&1; then
    show_log_tail "$PACKAGES_LOG"
    die "packages: apt-get update failed; see $PACKAGES_LOG"
  fi

  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    >>"$PACKAGES_LOG" 2>&1; then
    show_log_tail "$PACKAGES_LOG"
    die "packages: apt-get install ${missing[*]} failed; see $PACKAGES_LOG"
  fi

  log_info "packages: installed ${missing[*]}"
}
