import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { Module, type INestApplication } from '@nestjs/common';

import type { TokenSource } from '@bitaqa/auth';
import { Topics } from '@bitaqa/contracts';
import { applyMigrations, ensureDatabase } from '@bitaqa/db';
import { createHttpApp } from '@bitaqa/http';
import { connectEventServer, createKafka, OutboxRelay } from '@bitaqa/messaging';
import { createLogger, type Logger } from '@bitaqa/observability';

import { AppModule } from './app.module';
import { systemClock, type Clock } from './calendar/clock';
import { PolicyPublisherService } from './catalogue/policy-publisher.service';
import type { FuelAllocationConfig } from './config';
import { PrismaService, type Tx } from './infrastructure/prisma.service';

export const SERVICE_NAME = 'fuel-allocation';

export const MIGRATIONS_DIR = join(__dirname, '../prisma/migrations');

export interface BootstrapOptions {
  /** Replaces the system clock; tests pin and advance time with it. */
  clock?: Clock;
  /** Tokens for the identity registry in place of AUTH_TOKEN_URL and the FUEL_CLIENT_* pair. */
  identityRegistryTokens?: TokenSource;
  logger?: Logger;
}

export interface RunningService {
  app: INestApplication;
  close(): Promise<void>;
  /** Port the HTTP server listens on; differs from the configured one when that was 0. */
  port: number;
  url: string;
}

/** Consumer group per topic prefix, so suites sharing a broker never join each other's group. */
export function consumerGroupId(topicPrefix: string): string {
  return `${topicPrefix}${SERVICE_NAME}`;
}

/**
 * Starts the service: migrations, the HTTP API, the event consumer and the outbox relay, then
 * publishes the policies in force. `close()`, or a termination signal through Nest's shutdown
 * hooks, stops the consumer, the relay and the database connections.
 */
export async function bootstrap(
  config: FuelAllocationConfig,
  options: BootstrapOptions = {},
): Promise<RunningService> {
  const logger = options.logger ?? createLogger(SERVICE_NAME, config.logLevel);

  if (config.migrateOnStart) {
    await ensureDatabase(config.databaseUrl);
    await applyMigrations(config.databaseUrl, MIGRATIONS_DIR, logger);
  }

  const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: SERVICE_NAME }, logger);
  const relay = new OutboxRelay({
    databaseUrl: config.databaseUrl,
    kafka,
    logger,
    topicPrefix: config.kafkaTopicPrefix,
  });
  const clock = options.clock ?? systemClock;

  @Module({
    imports: [
      AppModule.register({
        clock,
        config,
        identityRegistryTokens: options.identityRegistryTokens,
        logger,
        relay,
      }),
    ],
  })
  class RootModule {}

  const app = await createHttpApp(RootModule, { logger });
  const prisma = app.get(PrismaService);

  connectEventServer<Tx>(app, {
    groupId: consumerGroupId(config.kafkaTopicPrefix),
    kafka,
    logger,
    topicPrefix: config.kafkaTopicPrefix,
    topics: [Topics.civilFamilies, Topics.civilPersons, Topics.authorityCardStatus],
    transaction: (work) => prisma.transaction(work),
  });
  await app.init();
  await app.get(PolicyPublisherService).publishPending();
  await relay.start();
  await app.startAllMicroservices();
  await app.listen(config.port, config.host ?? '127.0.0.1');

  const port = (app.getHttpServer().address() as AddressInfo).port;

  logger.info({ port }, 'service started');

  return {
    app,
    close: async () => {
      await app.close();
      logger.info({ port }, 'service stopped');
    },
    port,
    url: `http://127.0.0.1:${port}`,
  };
}
