import { GenericContainer, getContainerRuntimeClient, Wait } from 'testcontainers';

/** Environment variables a started container set provides, by variable name. */
export type ContainerAddresses = Record<string, string>;

/** Returns true when Testcontainers finds a working container engine (Docker or Podman). */
export async function containerEngineAvailable(): Promise<boolean> {
  try {
    await getContainerRuntimeClient();

    return true;
  } catch {
    return false;
  }
}

async function startPostgres(): Promise<string> {
  const container = await new GenericContainer('postgres:15')
    .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
    .withExposedPorts(5432)
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();

  return `postgresql://postgres@${container.getHost()}:${container.getMappedPort(5432)}/postgres`;
}

async function startRedis(): Promise<string> {
  const container = await new GenericContainer('redis:7').withExposedPorts(6379).start();

  return `redis://${container.getHost()}:${container.getMappedPort(6379)}`;
}

/**
 * Kafka 3.9.2 in KRaft mode. The port is fixed on both sides because the broker must advertise
 * the address that clients outside the container dial.
 */
async function startKafka(): Promise<string> {
  const port = 29092;
  const container = await new GenericContainer('apache/kafka:3.9.2')
    .withExposedPorts({ container: port, host: port })
    .withEnvironment({
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${port}`,
      KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:29093',
      KAFKA_LISTENERS: `PLAINTEXT://0.0.0.0:${port},CONTROLLER://localhost:29093`,
      KAFKA_NODE_ID: '1',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
    })
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .start();

  return `${container.getHost()}:${port}`;
}

/**
 * Starts PostgreSQL, Redis and Kafka in containers for the variables that are missing. pcscd
 * with vpcd stays on the host, since a container cannot serve the host's PC/SC socket.
 */
export async function startMissingContainers(
  missing: readonly string[],
): Promise<ContainerAddresses> {
  const started: ContainerAddresses = {};

  if (missing.includes('POSTGRES_URL')) started.POSTGRES_URL = await startPostgres();
  if (missing.includes('REDIS_URL')) started.REDIS_URL = await startRedis();
  if (missing.includes('KAFKA_BROKERS')) started.KAFKA_BROKERS = await startKafka();

  return started;
}
