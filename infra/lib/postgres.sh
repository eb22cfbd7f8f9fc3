# PostgreSQL: uses the server at PGHOST:PGPORT and creates one database per app. When nothing
# responds on the default local address, starts the Debian cluster with pg_ctlcluster.

PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
PGUSER="${PGUSER:-postgres}"
export PGHOST PGPORT PGUSER

# Marker holding "<version> <cluster>" of a cluster that up.sh started.
POSTGRES_STARTED_MARKER="$RUN_DIR/postgres.started"

# App name and database name, one pair per app that keeps its data in PostgreSQL.
POSTGRES_APP_DATABASES=(
  "civil-records bitaqa_civil_records"
  "identity-registry bitaqa_identity_registry"
  "fuel-allocation bitaqa_fuel_allocation"
  "card-authority bitaqa_card_authority"
  "reader-gateway bitaqa_reader_gateway"
)

postgres_responds() {
  pg_isready -q -h "$PGHOST" -p "$PGPORT" -t 3
}

# Prints the PostgreSQL URL of a database on the configured server.
postgres_url() {
  local database="$1"
  local credentials="$PGUSER"

  if [[ -n "${PGPASSWORD:-}" ]]; then
    credentials="$PGUSER:$PGPASSWORD"
  fi

  printf 'postgresql://%s@%s:%s/%s\n' "$credentials" "$PGHOST" "$PGPORT" "$database"
}

postgres_start_local_cluster() {
  local versions version

  is_loopback_host "$PGHOST" ||
    die "postgres: no server responds on $PGHOST:$PGPORT; start that server or set PGHOST/PGPORT"
  command -v pg_ctlcluster >/dev/null ||
    die "postgres: no server responds on $PGHOST:$PGPORT and pg_ctlcluster is missing; install postgresql-15"

  mapfile -t versions < <(ls /etc/postgresql 2>/dev/null)
  [[ ${#versions[@]} -eq 1 ]] ||
    die "postgres: expected one cluster version in /etc/postgresql, found '${versions[*]}'; start PostgreSQL by hand"
  version="${versions[0]}"

  log_info "postgres: no server responds on $PGHOST:$PGPORT, starting cluster $version/main with pg_ctlcluster"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start ||
    die "postgres: pg_ctlcluster could not start cluster $version/main; see /var/log/postgresql/"
  printf '%s main\n' "$version" >"$POSTGRES_STARTED_MARKER"
  record_started postgres

  local deadline=$((SECONDS + 30))

  until postgres_responds; do
    ((SECONDS < deadline)) || die "postgres: cluster $version/main started but $PGHOST:$PGPORT does not respond"
    sleep 0.5
  done
}

postgres_create_databases() {
  local entry database created=()

  for entry in "${POSTGRES_APP_DATABASES[@]}"; do
    database="${entry#* }"

    if [[ "$(psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'")" != "1" ]]; then
      psql -d postgres -q -c "CREATE DATABASE \"$database\"" ||
        die "postgres: could not create database $database on $PGHOST:$PGPORT as $PGUSER"
      created+=("$database")
    fi
  done

  if ((${#created[@]} > 0)); then
    log_info "postgres: created databases ${created[*]}"
  else
    log_info "postgres: all ${#POSTGRES_APP_DATABASES[@]} app databases exist"
  fi
}

postgres_up() {
  command -v psql >/dev/null || die "postgres: psql is missing; install postgresql-client"

  if postgres_responds; then
    log_info "postgres: server responds on $PGHOST:$PGPORT"
  else
    postgres_start_local_cluster
  fi

  postgres_create_databases
}

postgres_down() {
  if [[ ! -f "$POSTGRES_STARTED_MARKER" ]]; then
    log_info "postgres: not started by infra/up.sh, left running"
    return
  fi

  local version cluster

  read -r version cluster <"$POSTGRES_STARTED_MARKER"
  log_info "postgres: stopping cluster $version/$cluster that infra/up.sh started"
  pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" stop ||
    log_warn "postgres: pg_ctlcluster could not stop cluster $version/$cluster"
  rm -f "$POSTGRES_STARTED_MARKER"
}

# Drops the app databases; runs only with down.sh --purge while the server responds.
postgres_purge() {
  local entry database

  if ! postgres_responds; then
    log_info "postgres: server down, app databases left in place"
    return
  fi

  for entry in "${POSTGRES_APP_DATABASES[@]}"; do
    database="${entry#* }"
    psql -d postgres -q -c "DROP DATABASE IF EXISTS \"$database\" WITH (FORCE)" ||
      log_warn "postgres: could not drop database $database"
  done
  log_info "postgres: dropped the ${#POSTGRES_APP_DATABASES[@]} app databases"
}

postgres_status() {
  local detail="external"

  if [[ -f "$POSTGRES_STARTED_MARKER" ]]; then
    detail="cluster $(<"$POSTGRES_STARTED_MARKER") started by infra/up.sh"
  fi

  if postgres_responds; then
    status_line postgres up "$PGHOST:$PGPORT" "$detail"
  else
    status_line postgres down "$PGHOST:$PGPORT" ""
  fi
}
