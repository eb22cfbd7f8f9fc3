import type { INestApplication } from '@nestjs/common';

import { Topics } from '@bitaqa/contracts';
import { createHttpApp } from '@bitaqa/http';
import { connectEventServer, createKafka, physicalTopic } from '@bitaqa/messaging';
import { createLogger, errorFields, type Logger } from '@bitaqa/observability';

import { createAppModule } from './app.module';
import { createPcscCardReader } from './card-reader/pcsc-card-reader';
import { consumerGroupId, type StationConfig } from './config';
import { StationOutboxRelay } from './outbox/station-outbox-relay';
import type { SqliteTransaction } from './sqlite/sqlite-transaction';
import { StationDatabase } from './sqlite/station-database';
import { ConsumerLagProbe } from './status/consumer-lag.probe';

/** The compacted topics a station rebuilds its cache from. */
export const CONSUMED_TOPICS = [Topics.authorityCardStatus, Topics.fuelPolicies];

export interface StationGateway {
  app: INestApplication;
  close(): Promise<void>;
  logger: Logger;
  /** Base URL of the HTTP API, such as http://127.0.0.1:3006. */
  url: string;
}

/**
 * Starts one station gateway: opens its SQLite database, starts the consumer of the compacted
 * topics and the HTTP API. `close()` stops the API and the consumer, then closes the database;
 * SIGINT and SIGTERM do the same.
 */
export async function bootstrap(config: StationConfig): Promise<StationGateway> {
  const logger = createLogger('station-gateway', config.logLevel).child({
    stationId: config.stationId,
  });
  const database = StationDatabase.open(config.databasePath, logger);
  const kafka = createKafka(
    { brokers: config.kafkaBrokers, clientId: `station-gateway-${config.stationId}` },
    logger,
  );
  const groupId = consumerGroupId(config);
  const topics = CONSUMED_TOPICS.map((topic) => physicalTopic(topic, config.kafkaTopicPrefix));
  const lagProbe = new ConsumerLagProbe(kafka, groupId, topics, logger);
  const cardReader = createPcscCardReader(config, logger);
  const outboxRelay = new StationOutboxRelay({
    database,
    kafka,
    logger,
    pollIntervalMs: config.outboxPollMs,
    topicPrefix: config.kafkaTopicPrefix,
  });
  const runtime = { cardReader, config, database, lagProbe, logger, outboxRelay };
  const app = await createHttpApp(createAppModule(runtime), { logger }).catch(async (error) => {
    await cardReader.close();
    await database.close();
    throw error;
  });
  const close = () => app.close();

  try {
    connectEventServer<SqliteTransaction>(app, {
      groupId,
      kafka,
      logger,
      topicPrefix: config.kafkaTopicPrefix,
      topics: CONSUMED_TOPICS,
      transaction: (work) => database.transaction(work),
    });
    await app.startAllMicroservices();
    outboxRelay.start();
    await app.listen(config.port, config.host ?? '127.0.0.1');
  } catch (error) {
    logger.error({ err: errorFields(error) }, 'service failed to start');
    await close().catch(() => undefined);
    throw error;
  }

  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');

  logger.info({ groupId, port: new URL(url).port, url }, 'service started');

  return { app, close, logger, url };
}
