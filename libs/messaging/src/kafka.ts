import { Kafka } from 'kafkajs';

import { kafkaLogCreator, kafkaLogLevel, type Logger } from '@bitaqa/observability';

export interface KafkaSettings {
  /** Comma-separated host:port list, such as `127.0.0.1:19092`. */
  brokers: string;
  clientId: string;
}

/** A kafkajs client whose logs go through the service's JSON logger. */
export function createKafka(settings: KafkaSettings, logger: Logger): Kafka {
  const brokers = settings.brokers
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);

  if (brokers.length === 0) {
    throw new Error('KAFKA_BROKERS is empty; set it to host:port pairs such as 127.0.0.1:19092');
  }

  return new Kafka({
    brokers,
    clientId: settings.clientId,
    logCreator: kafkaLogCreator(logger),
    logLevel: kafkaLogLevel(),
    retry: { initialRetryTime: 300, retries: 8 },
  });
}
