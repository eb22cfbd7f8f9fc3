import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import type { INestApplication } from '@nestjs/common';

import { Topics } from '@bitaqa/contracts';
import { applyMigrations, ensureDatabase } from '@bitaqa/db';
import { createHttpApp } from '@bitaqa/http';
import { connectEventServer, createKafka, OutboxRelay } from '@bitaqa/messaging';
import { createLogger, type Logger } from '@bitaqa/observability';

import { createAppModule } from './app.module';
import { authorityAuthorization, type AuthorizationSource } from './authority/authorization';
import type { ReaderGatewayConfig } from './config';
import type { ReaderDirectory } from './encoders/reader-watch';
import { PrismaService, type Tx } from './infrastructure/prisma.service';

export const SERVICE_NAME = 'reader-gateway';

export const MIGRATIONS_DIR = join(__dirname, '..', 'prisma', 'migrations');

export interface ReaderGatewayApp {
  app: INestApplication;
  /** Stops the encoders, the consumer, the relay, then the HTTP server and database client. */
  close(): Promise<void>;
  /** Port the HTTP server listens on, useful when the configuration asked for port 0. */
  port: number;
  /** Base URL of the HTTP API, such as `http://127.0.0.1:3005`. */
  url: string;
}

export interface BootstrapOptions {
  /** Authorization header source for the card authority; the site's client credentials by default. */
  authorization?: AuthorizationSource;
  logger?: Logger;
  /** Reader list to watch instead of pcscd's, for tests that unplug a reader. */
  readers?: ReaderDirectory;
}

/**
 * Migrates the database, then starts the HTTP API, the consumer of personalization requests,
 * the outbox relay and one worker per encoder.
 */
export async function bootstrap(
  config: ReaderGatewayConfig,
  options: BootstrapOptions = {},
): Promise<ReaderGatewayApp> {
  const logger = options.logger ?? createLogger(SERVICE_NAME, config.logLevel);
  if (config.authorityUrl === null) {
    logger.warn({}, 'AUTHORITY_URL is unset: cards are written without keys or certificate');
  }

  if (config.migrateOnStart) {
    await ensureDatabase(config.databaseUrl);
    await applyMigrations(config.databaseUrl, MIGRATIONS_DIR, logger);
  }

  const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: SERVICE_NAME }, logger);
  const relay = new OutboxRelay({
    databaseUrl: config.databaseUrl,
    kafka,
    logger: logger.child({ component: 'outbox-relay' }),
    topicPrefix: config.kafkaTopicPrefix,
  });
  const edges = {
    authorization: options.authorization ?? authorityAuthorization(config.authorityCredentials),
    readers: options.readers ?? null,
  };
  const app = await createHttpApp(createAppModule(config, logger, relay, edges), { logger });
  const prisma = app.get(PrismaService);
  connectEventServer<Tx>(app, {
    groupId: config.kafkaGroupId,
    kafka,
    logger: logger.child({ component: 'event-consumer' }),
    topicPrefix: config.kafkaTopicPrefix,
    topics: [Topics.authorityPersonalizationRequests],
    transaction: (work) => prisma.transaction(work),
  });

  await app.init();
  await app.startAllMicroservices();
  await app.listen(config.port, config.host);

  const port = (app.getHttpServer().address() as AddressInfo).port;
  logger.info(
    { encoders: config.encoders.map((encoder) => encoder.id), host: config.host, port },
    'service started',
  );

  return {
    app,
    async close() {
      await app.close();
      logger.info({ port }, 'service stopped');
    },
    port,
    url: `http://${config.host}:${port}`,
  };
}
