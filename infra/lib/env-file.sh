# Writes the service addresses to .bitaqa/env, a shell file that scripts and tests source.

# Prints an upper-case environment variable suffix for an app name: civil-records -> CIVIL_RECORDS.
env_app_suffix() {
  local name="${1//-/_}"

  printf '%s\n' "${name^^}"
}

env_write() {
  local entry app database tmp="$ENV_FILE.partial"

  {
    printf '# Service addresses written by infra/up.sh at %s.\n' "$(date -Is)"
    printf '# Load them with: source %s\n' "$ENV_FILE"
    printf 'export KAFKA_BROKERS=%q\n' "$KAFKA_BROKERS"
    printf 'export KAFKA_SASL_BROKERS=%q\n' "$KAFKA_SASL_BROKERS"
    printf 'export PGHOST=%q\n' "$PGHOST"
    printf 'export PGPORT=%q\n' "$PGPORT"
    printf 'export PGUSER=%q\n' "$PGUSER"
    printf 'export POSTGRES_URL=%q\n' "$(postgres_url postgres)"

    for entry in "${POSTGRES_APP_DATABASES[@]}"; do
      app="${entry%% *}"
      database="${entry#* }"
      printf 'export DATABASE_URL_%s=%q\n' "$(env_app_suffix "$app")" "$(postgres_url "$database")"
    done

    printf 'export REDIS_URL=%q\n' "$REDIS_URL"
    printf 'export VPCD_HOST=%q\n' "$VPCD_HOST"
    printf 'export VPCD_PORT=%q\n' "$VPCD_PORT"
    printf 'export AUTH_ISSUER=%q\n' "$TOKEN_ISSUER"
    printf 'export AUTH_TOKEN_KEY_FILE=%q\n' "$TOKEN_KEY_FILE"
    printf 'export AUTH_JWKS_FILE=%q\n' "$TOKEN_JWKS_FILE"
  } >"$tmp"

  mv "$tmp" "$ENV_FILE"
  log_info "env: wrote service addresses to $ENV_FILE"
}
