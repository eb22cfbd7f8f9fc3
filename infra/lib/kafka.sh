# Apache Kafka: one KRaft node (broker and controller in one JVM) run from the broker's own jars.
#
# Version pin: Kafka 3.9.2. kafkajs 2.2.4, the last kafkajs release, uses request versions that
# Kafka 4.0 removed (KIP-896); the 3.9 line still serves them. infra/kafka/pom.xml pins the jars.

KAFKA_VERSION="3.9.2"
KAFKA_DIR="$STATE_DIR/kafka"
# A second state folder (a scratch broker, say) can point here to reuse an existing jar cache.
KAFKA_LIBS_DIR="${KAFKA_LIBS_DIR:-$KAFKA_DIR/libs}"
KAFKA_DATA_DIR="$KAFKA_DIR/data"
KAFKA_CONFIG_DIR="$KAFKA_DIR/config"
KAFKA_CONFIG="$KAFKA_CONFIG_DIR/server.properties"
KAFKA_LOG="$KAFKA_DIR/kafka.log"
KAFKA_PIDFILE="$RUN_DIR/kafka.pid"
KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:19092}"

# Audience that agencies' tokens must name to be accepted on the SASL listener.
KAFKA_TOKEN_AUDIENCE="kafka"

# Heap for a single development broker on a two-core machine with a handful of topics.
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx768m -Xms256m}"

# Seconds to wait for the broker to respond after it starts (first start formats metadata).
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"

kafka_our_pid() {
  pidfile_pid "$KAFKA_PIDFILE" java "$KAFKA_CONFIG"
}

# Prints the default SASL listener address: the plaintext host with the port two above the
# plaintext one (the controller listener takes the port in between). Prints nothing when
# KAFKA_BROKERS is malformed, which kafka_parse_address reports.
kafka_default_sasl_address() {
  split_host_port "${KAFKA_BROKERS%%,*}" || return 0
  printf '%s:%s\n' "$SPLIT_HOST" $((SPLIT_PORT + 2))
}

# Listener for agencies' clients: SASL_PLAINTEXT with OAUTHBEARER tokens from the card authority.
KAFKA_SASL_BROKERS="${KAFKA_SASL_BROKERS:-$(kafka_default_sasl_address)}"

# Sets KAFKA_HOST, KAFKA_PORT and KAFKA_CONTROLLER_PORT from the first KAFKA_BROKERS entry, and
# KAFKA_SASL_HOST and KAFKA_SASL_PORT from KAFKA_SASL_BROKERS.
kafka_parse_address() {
  local first="${KAFKA_BROKERS%%,*}"

  split_host_port "$first" || die "KAFKA_BROKERS entry '$first' is not host:port; use for example 127.0.0.1:19092"
  KAFKA_HOST="$SPLIT_HOST"
  KAFKA_PORT="$SPLIT_PORT"
  KAFKA_CONTROLLER_PORT=$((KAFKA_PORT + 1))

  split_host_port "$KAFKA_SASL_BROKERS" ||
    die "KAFKA_SASL_BROKERS '$KAFKA_SASL_BROKERS' is not one host:port; use for example 127.0.0.1:19094"
  KAFKA_SASL_HOST="$SPLIT_HOST"
  KAFKA_SASL_PORT="$SPLIT_PORT"

  if ((KAFKA_SASL_PORT == KAFKA_PORT || KAFKA_SASL_PORT == KAFKA_CONTROLLER_PORT)); then
    die "KAFKA_SASL_BROKERS port $KAFKA_SASL_PORT collides with the plaintext or controller listener ($KAFKA_PORT, $KAFKA_CONTROLLER_PORT); use for example $KAFKA_HOST:$((KAFKA_PORT + 2))"
  fi
}

kafka_fetch_jars() {
  local marker="$KAFKA_LIBS_DIR/.complete-$KAFKA_VERSION"

  if [[ -f "$marker" ]]; then
    log_info "kafka: $KAFKA_VERSION jars present in $KAFKA_LIBS_DIR"
    return
  fi

  command -v mvn >/dev/null || die "kafka: Maven (mvn) is missing; install it (apt-get install maven) to fetch the broker jars"
  command -v java >/dev/null || die "kafka: Java is missing; install a JDK 17 (apt-get install openjdk-17-jdk-headless)"

  log_info "kafka: fetching Apache Kafka $KAFKA_VERSION jars from Maven Central (about a minute on first run)"

  local staging="$KAFKA_DIR/libs.partial"

  rm -rf "$staging"
  mkdir -p "$KAFKA_DIR"

  if ! mvn -B -q -f "$REPO_ROOT/infra/kafka/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$staging" >"$KAFKA_DIR/fetch.log" 2>&1; then
    show_log_tail "$KAFKA_DIR/fetch.log"
    die "kafka: Maven could not fetch the broker jars; see $KAFKA_DIR/fetch.log"
  fi

  rm -rf "$KAFKA_LIBS_DIR"
  mv "$staging" "$KAFKA_LIBS_DIR"
  touch "$KAFKA_LIBS_DIR/.complete-$KAFKA_VERSION"
  log_info "kafka: fetched $(find "$KAFKA_LIBS_DIR" -name '*.jar' | wc -l) jars into $KAFKA_LIBS_DIR"
}

# Prints the authorizer and SASL settings. The plaintext and controller listeners do not
# authenticate clients, so the platform's own apps and the broker itself all connect as
# User:ANONYMOUS, which is a super user. The AGENCY listener accepts OAUTHBEARER tokens that the
# card authority signed (checked against its JWKS file, issuer and audience), and names the
# client by the token's sub claim (User:<sub>). Agencies reach only what ACLs grant them.
kafka_security_properties() {
  cat <<PROPERTIES
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:ANONYMOUS
allow.everyone.if.no.acl.found=false
listener.name.agency.sasl.enabled.mechanisms=OAUTHBEARER
listener.name.agency.oauthbearer.sasl.jaas.config=org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;
listener.name.agency.oauthbearer.sasl.server.callback.handler.class=org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler
# The broker reads the key set once at start-up, so a new signing key needs a broker restart.
sasl.oauthbearer.jwks.endpoint.url=$(kafka_jwks_url)
sasl.oauthbearer.expected.issuer=${TOKEN_ISSUER}
sasl.oauthbearer.expected.audience=${KAFKA_TOKEN_AUDIENCE}
# A session lasts until the token expires, and at most an hour. The client must then
# authenticate again with a fresh token, or the broker closes the connection.
listener.name.agency.oauthbearer.connections.max.reauth.ms=3600000
PROPERTIES
}

kafka_jwks_url() {
  printf 'file://%s\n' "$TOKEN_JWKS_FILE"
}

# The broker refuses to start when the JWKS file is missing (the OAUTHBEARER validator fails its
# configuration), so this check names the file and the fix before starting it.
kafka_require_jwks() {
  [[ -r "$TOKEN_JWKS_FILE" ]] ||
    die "kafka: the token key set $TOKEN_JWKS_FILE is missing; run infra/up.sh, which creates it before Kafka starts"
}

kafka_write_config() {
  mkdir -p "$KAFKA_CONFIG_DIR" "$KAFKA_DATA_DIR"

  cat >"$KAFKA_CONFIG" <<PROPERTIES
# Generated by infra/up.sh on every start; edit infra/lib/kafka.sh instead.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@${KAFKA_HOST}:${KAFKA_CONTROLLER_PORT}
listeners=PLAINTEXT://${KAFKA_HOST}:${KAFKA_PORT},CONTROLLER://${KAFKA_HOST}:${KAFKA_CONTROLLER_PORT},AGENCY://${KAFKA_SASL_HOST}:${KAFKA_SASL_PORT}
advertised.listeners=PLAINTEXT://${KAFKA_HOST}:${KAFKA_PORT},AGENCY://${KAFKA_SASL_HOST}:${KAFKA_SASL_PORT}
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,AGENCY:SASL_PLAINTEXT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
log.dirs=${KAFKA_DATA_DIR}
$(kafka_security_properties)
# Topics come only from the catalogue (infra/scripts/create-topics.ts), never from a typo.
auto.create.topics.enable=false
num.partitions=3
# One broker, so internal topics can keep only one copy.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
# Tests start consumer groups often; no point waiting for more members to join.
group.initial.rebalance.delay.ms=0
PROPERTIES

  cat >"$KAFKA_CONFIG_DIR/log4j.properties" <<PROPERTIES
# Generated by infra/up.sh. The broker logs to stdout, which up.sh appends to kafka.log.
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.state.change.logger=WARN
log4j.logger.kafka.log.LogCleaner=WARN
log4j.logger.org.apache.kafka.storage.internals.log=WARN
PROPERTIES
}

# Sets KAFKA_JAVA_COMMAND to the JVM command line shared by the storage tool and the broker.
kafka_java_command() {
  local heap_options

  read -r -a heap_options <<<"$KAFKA_HEAP_OPTS"
  KAFKA_JAVA_COMMAND=(
    java "${heap_options[@]}" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true
    # Lets the OAUTHBEARER validator read this JWKS URL and no other.
    "-Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=$(kafka_jwks_url)"
    "-Dlog4j.configuration=file:$KAFKA_CONFIG_DIR/log4j.properties"
    -cp "$KAFKA_LIBS_DIR/*"
  )
}

kafka_java() {
  kafka_java_command
  "${KAFKA_JAVA_COMMAND[@]}" "$@"
}

kafka_format_storage() {
  if [[ -f "$KAFKA_DATA_DIR/meta.properties" ]]; then
    return
  fi

  local cluster_id

  cluster_id="$(kafka_java kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)"
  [[ "$cluster_id" =~ ^[A-Za-z0-9_-]{22}$ ]] || die "kafka: StorageTool printed no cluster id (got '$cluster_id')"

  if ! kafka_java kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_CONFIG" \
    >>"$KAFKA_DIR/format.log" 2>&1; then
    show_log_tail "$KAFKA_DIR/format.log"
    die "kafka: formatting the KRaft storage in $KAFKA_DATA_DIR failed"
  fi

  log_info "kafka: formatted KRaft storage in $KAFKA_DATA_DIR (cluster id $cluster_id)"
}

# Waits for the broker port, failing early when the broker process exits, then waits until an
# admin client can list topics.
kafka_wait_ready() {
  local deadline=$((SECONDS + KAFKA_START_TIMEOUT))

  until tcp_port_open "$KAFKA_HOST" "$KAFKA_PORT"; do
    if [[ -s "$KAFKA_PIDFILE" ]] && ! pid_running "$(<"$KAFKA_PIDFILE")"; then
      show_log_tail "$KAFKA_LOG" 40
      die "kafka: the broker exited during start-up; see $KAFKA_LOG"
    fi

    if ((SECONDS >= deadline)); then
      show_log_tail "$KAFKA_LOG" 40
      die "kafka: nothing listens on $KAFKA_HOST:$KAFKA_PORT after ${KAFKA_START_TIMEOUT} s; see $KAFKA_LOG"
    fi
    sleep 0.5
  done

  if ! run_ts infra/scripts/kafka-ready.ts --timeout "$KAFKA_START_TIMEOUT" >/dev/null; then
    show_log_tail "$KAFKA_LOG" 40
    die "kafka: the broker at $KAFKA_BROKERS did not respond to an admin request within ${KAFKA_START_TIMEOUT} s; see $KAFKA_LOG"
  fi
}

kafka_start() {
  kafka_fetch_jars
  kafka_require_jwks
  kafka_write_config
  kafka_format_storage

  if tcp_port_open "$KAFKA_HOST" "$KAFKA_CONTROLLER_PORT"; then
    die "kafka: port $KAFKA_CONTROLLER_PORT (controller listener) is taken by another program; free it or set KAFKA_BROKERS to another port"
  fi

  if tcp_port_open "$KAFKA_SASL_HOST" "$KAFKA_SASL_PORT"; then
    die "kafka: port $KAFKA_SASL_PORT (SASL listener) is taken by another program; free it or set KAFKA_SASL_BROKERS to another address"
  fi

  printf '\n===== %s infra/up.sh starts Kafka %s\n' "$(date -Is)" "$KAFKA_VERSION" >>"$KAFKA_LOG"
  kafka_java_command
  start_daemon "$KAFKA_PIDFILE" "$KAFKA_LOG" "${KAFKA_JAVA_COMMAND[@]}" kafka.Kafka "$KAFKA_CONFIG" ||
    die "kafka: the broker process did not start; see $KAFKA_LOG"
}

# A broker started from an older server.properties has no SASL listener until it restarts.
kafka_warn_without_sasl() {
  if ! tcp_port_open "$KAFKA_SASL_HOST" "$KAFKA_SASL_PORT"; then
    log_warn "kafka: nothing listens on $KAFKA_SASL_BROKERS (SASL listener); the running broker predates it, restart it with infra/down.sh kafka && infra/up.sh kafka"
  fi
}

kafka_up() {
  local pid

  kafka_parse_address

  if pid="$(kafka_our_pid)"; then
    kafka_wait_ready
    log_info "kafka: already running (started by infra/up.sh, pid $pid) on $KAFKA_BROKERS"
    kafka_warn_without_sasl
  elif tcp_port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
    KAFKA_START_TIMEOUT=15 kafka_wait_ready
    log_info "kafka: using the broker that already responds on $KAFKA_BROKERS (not started by infra/up.sh)"
  else
    is_loopback_host "$KAFKA_HOST" && is_loopback_host "$KAFKA_SASL_HOST" ||
      die "kafka: no broker responds on $KAFKA_BROKERS, and up.sh starts a broker only on 127.0.0.1"
    kafka_start
    kafka_wait_ready
    log_info "kafka: started $KAFKA_VERSION (pid $(<"$KAFKA_PIDFILE")) on $KAFKA_BROKERS, log $KAFKA_LOG"
    record_started kafka
  fi
}

kafka_down() {
  local pid

  if ! pid="$(kafka_our_pid)"; then
    rm -f "$KAFKA_PIDFILE"
    log_info "kafka: no broker started by infra/up.sh is running"
    return
  fi

  log_info "kafka: stopping pid $pid (controlled shutdown can take a few seconds)"
  log_info "kafka: $(stop_pid "$pid" 60) pid $pid"
  rm -f "$KAFKA_PIDFILE"
}

kafka_purge() {
  rm -rf "$KAFKA_DATA_DIR" "$KAFKA_CONFIG_DIR" "$KAFKA_LOG" "$KAFKA_DIR/format.log"
  log_info "kafka: removed data and logs under $KAFKA_DIR (the jar cache in $KAFKA_LIBS_DIR stays)"
}

kafka_sasl_state() {
  if tcp_port_open "$KAFKA_SASL_HOST" "$KAFKA_SASL_PORT"; then
    printf 'on %s\n' "$KAFKA_SASL_BROKERS"
  else
    printf 'down (%s)\n' "$KAFKA_SASL_BROKERS"
  fi
}

kafka_status() {
  local pid

  kafka_parse_address

  if pid="$(kafka_our_pid)"; then
    status_line kafka up "$KAFKA_BROKERS" "started by infra/up.sh, pid $pid, SASL $(kafka_sasl_state)"
  elif tcp_port_open "$KAFKA_HOST" "$KAFKA_PORT"; then
    status_line kafka up "$KAFKA_BROKERS" "external"
  else
    status_line kafka down "$KAFKA_BROKERS" ""
  fi
}
