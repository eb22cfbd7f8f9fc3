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
import { loadAuthorityAuthConfig, type AuthorityAuthConfig } from './auth/auth-config';
import type { AppConfig } from './config';
import type { Clock } from './core.module';
import { TOKEN_PATH } from './credentials/token/token.controller';
import { PrismaService } from './database/prisma.service';
import { TRANSACTION_OPTIONS, type DbTransaction } from './database/transaction';
import { KAFKA } from './messaging/kafka.token';

export const SERVICE_NAME = 'card-authority';

export const MIGRATIONS_DIR = join(__dirname, '../prisma/migrations');

export interface RunningApp {
  app: INestApplication;
  close(): Promise<void>;
  logger: Logger;
  /** The HTTP port actually bound, useful when the configuration asked for port 0. */
  port: number;
}

/**
 * Starts the card authority: migrations, HTTP API, the consumers of identity.identities and
 * reader.personalization-results, and the outbox relay. `close()` stops all of them.
 */
export interface BootstrapOptions {
  /** Clock of the lifecycle, expiry and replacement logic; the system clock by default. */
  clock?: Clock;
  /** Token endpoint and credential settings, read from the environment by default. */
  auth?: AuthorityAuthConfig;
  /** Logger to use instead of one at `config.logLevel` on stdout, so tests can read its lines. */
  logger?: Logger;
}

export async function bootstrap(
  config: AppConfig,
  options: BootstrapOptions = {},
): Promise<RunningApp> {
  const logger = options.logger ?? createLogger(SERVICE_NAME, config.logLevel);
  const auth = options.auth ?? loadAuthorityAuthConfig();

  if (config.migrateOnStart) {
    await ensureDatabase(config.databaseUrl);
    await applyMigrations(config.databaseUrl, MIGRATIONS_DIR, logger);
  }

  const app = await createHttpApp(createAppModule(config, logger, options.clock, auth), {
    formBodyPaths: [TOKEN_PATH],
    logger,
  });
  const prisma = app.get(PrismaService);

  app.connectMicroservice({
    strategy: new KafkaEventServer<DbTransaction>({
      groupId: config.kafkaGroupId,
      kafka: app.get<Kafka>(KAFKA),
      logger,
      topicPrefix: config.kafkaTopicPrefix,
      topics: [Topics.identityIdentities, Topics.readerPersonalizationResults],
      transaction: (work) => prisma.$transaction(work, TRANSACTION_OPTIONS),
    }),
  });

  await app.init();
  await app.startAllMicroservices();
  await app.listen(config.port, config.host);

  const port = (app.getHttpServer().address() as AddressInfo).port;

  logger.info({ host: config.host, port }, 'service started');

  return {
    app,
    close: () => app.close(),
    logger,
    port,
  };
}
