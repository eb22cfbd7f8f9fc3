import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import type { INestApplication } from '@nestjs/common';

import { applyMigrations, ensureDatabase } from '@bitaqa/db';
import { createHttpApp } from '@bitaqa/http';
import { createKafka, OutboxRelay } from '@bitaqa/messaging';
import { createLogger, type Logger } from '@bitaqa/observability';

import { createAppModule } from './app.module';
import type { CivilRecordsConfig } from './config';

export const SERVICE_NAME = 'civil-records';

export const MIGRATIONS_DIR = join(__dirname, '..', 'prisma', 'migrations');

// A 5,000-row import with Arabic names is about 2 MB of JSON.
const BODY_LIMIT = '16mb';

export interface CivilRecordsApp {
  app: INestApplication;
  /** Stops the relay, then the HTTP server and the database client. */
  close(): Promise<void>;
  /** Port the HTTP server listens on, useful when the configuration asked for port 0. */
  port: number;
  relay: OutboxRelay;
  /** Base URL of the HTTP API, such as `http://127.0.0.1:3001`. */
  url: string;
}

/** Migrates the database, then starts the HTTP API and the outbox relay of one instance. */
export async function bootstrap(
  config: CivilRecordsConfig,
  logger: Logger = createLogger(SERVICE_NAME, config.logLevel),
): Promise<CivilRecordsApp> {
  if (config.migrateOnStart) {
    await ensureDatabase(config.databaseUrl);
    await applyMigrations(config.databaseUrl, MIGRATIONS_DIR, logger);
  }

  const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: SERVICE_NAME }, logger);
  const relay = new OutboxRelay({
    batchSize: config.outboxBatchSize,
    databaseUrl: config.databaseUrl,
    kafka,
    logger: logger.child({ component: 'outbox-relay' }),
    topicPrefix: config.kafkaTopicPrefix,
  });
  const app = await createHttpApp(createAppModule(config, logger, relay), {
    bodyLimit: BODY_LIMIT,
    logger,
  });

  await app.listen(config.port, config.host);

  const port = (app.getHttpServer().address() as AddressInfo).port;

  logger.info({ host: config.host, port, topicPrefix: config.kafkaTopicPrefix }, 'service started');

  return {
    app,
    async close() {
      await app.close();
      logger.info({ port }, 'service stopped');
    },
    port,
    relay,
    url: `http://${config.host}:${port}`,
  };
}
