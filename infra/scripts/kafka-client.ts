import { Kafka, logLevel } from 'kafkajs';

import { InfraError } from './infra-error';

/** The broker address of the local infrastructure started by infra/up.sh. */
export const DEFAULT_KAFKA_BROKERS = '127.0.0.1:19092';

/** Parses KAFKA_BROKERS, a comma-separated list of host:port addresses. */
export function brokersFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const raw = env.KAFKA_BROKERS ?? DEFAULT_KAFKA_BROKERS;
  const brokers = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);

  if (brokers.length === 0) {
    throw new InfraError(
      'KAFKA_BROKERS_INVALID',
      `KAFKA_BROKERS is empty; set it to host:port pairs, for example ${DEFAULT_KAFKA_BROKERS}`,
    );
  }

  for (const broker of brokers) {
    if (!/^[^\s:]+:\d{1,5}$/.test(broker)) {
      throw new InfraError(
        'KAFKA_BROKERS_INVALID',
        `KAFKA_BROKERS entry "${broker}" is not host:port; use for example ${DEFAULT_KAFKA_BROKERS}`,
      );
    }
  }

  return brokers;
}

/**
 * Creates a kafkajs client for short-lived scripts. kafkajs logging is off because every
 * failure reaches the caller as an exception, which the scripts print once.
 */
export function createKafka(clientId: string, brokers: string[]): Kafka {
  return new Kafka({
    brokers,
    clientId,
    connectionTimeout: 3000,
    logLevel: logLevel.NOTHING,
    retry: { initialRetryTime: 300, retries: 3 },
  });
}
