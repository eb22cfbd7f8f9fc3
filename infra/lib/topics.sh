# Kafka topics from the catalogue in libs/contracts/src/topics.ts.

topics_up() {
  run_ts infra/scripts/create-topics.ts ||
    die "topics: creating the catalogue's topics on $KAFKA_BROKERS failed"
}
