import { Kafka } from 'kafkajs';

import { kafkaLogCreator, kafkaLogLevel, type Logger } from '@bitaqa/observability';

import { oauthBearerMechanism, type OAuthBearerTokenProvider } from './kafka-oauth-bearer';

export interface KafkaSettings {
  /** Comma-separated host:port list, such as `127.0.0.1:19092`. */
  brokers: string;
  clientId: string;
  /**
   * Token source for SASL/OAUTHBEARER, for agency clients on the SASL listener
   * (KAFKA_SASL_BROKERS). Unset, the client connects without authentication, as the
   * platform's own apps do on the plaintext listener.
   */
  oauthBearer?: OAuthBearerTokenProvider;
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
    ...(settings.oauthBearer ? { sasl: oauthBearerMechanism(settings.oauthBearer) } : {}),
  });
}
