import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import type { INestApplication } from '@nestjs/common';
import type { Kafka } from 'kafkajs';

import { Topics } from '@bitaqa/contracts';
import { applyMigrations, ensureDatabase } from '@bitaqa/db';
import { createHttpApp } from '@bitaqa/http';
import { KafkaEventServer } from '@bitaqa/messaging';
import { createLogger, type Logger } from '@bitaqa/observability';

import { createAppModule } from './app.module';
import type { AppConfig } from './config';
import { PrismaService } from './database/prisma.service';
import { type UnitOfWork, unitOfWorkRunner } from './database/unit-of-work';
import { KAFKA } from './messaging/kafka.token';

export const SERVICE_NAME = 'identity-registry';

export const MIGRATIONS_DIR = join(__dirname, '../prisma/migrations');

export interface RunningApp {
  app: INestApplication;
  close(): Promise<void>;
  logger: Logger;
  /** The HTTP port actually bound, useful when the configuration asked for port 0. */
  port: number;
}

/**
 * Starts the identity registry: migrations, HTTP API, the consumer of civil.persons and
 * civil.families, and the outbox relay. `close()` stops all of them.
 */
export async function bootstrap(config: AppConfig, logger?: Logger): Promise<RunningApp> {
  const log = logger ?? createLogger(SERVICE_NAME, config.logLevel);

  if (config.migrateOnStart) {
    await ensureDatabase(config.databaseUrl);
    await applyMigrations(config.databaseUrl, MIGRATIONS_DIR, log);
  }

  const app = await createHttpApp(createAppModule(config, log), { logger: log });

  app.connectMicroservice({
    strategy: new KafkaEventServer<UnitOfWork>({
      groupId: config.kafkaGroupId,
      kafka: app.get<Kafka>(KAFKA),
      logger: log,
      topicPrefix: config.kafkaTopicPrefix,
      topics: [Topics.civilPersons, Topics.civilFamilies],
      transaction: unitOfWorkRunner(app.get(PrismaService), log),
    }),
  });

  await app.init();
  await app.startAllMicroservices();
  await app.listen(config.port, config.host);

  const port = (app.getHttpServer().address() as AddressInfo).port;

  log.info({ host: config.host, port }, 'service started');

  return {
    app,
    async close() {
      await app.close();
      log.info({ port }, 'service stopped');
    },
    logger: log,
    port,
  };
}
