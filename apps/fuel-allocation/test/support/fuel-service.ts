import { Client } from 'pg';

import { createLogger } from '@bitaqa/observability';
import {
  createPrefixedTopics,
  createTestDatabase,
  deletePrefixedTopics,
  serviceAddresses,
  uniqueTopicPrefix,
  type TestDatabase,
} from '@bitaqa/testing';

import {
  bootstrap,
  MIGRATIONS_DIR,
  type BootstrapOptions,
  type RunningService,
} from '../../src/bootstrap';
import type { FuelAllocationConfig } from '../../src/config';

import { EventPublisher } from './event-publisher';
import { TestClock } from './test-clock';

/**
 * Tests run on 2026-11-15, 12:00 in Damascus: inside the first heating-diesel period of the
 * 2026/27 season (1 October to 30 December), so every family policy grants something.
 */
export const TEST_START = new Date('2026-11-15T09:00:00.000Z');

/** A running service on its own database and topics, with the tools tests drive it by. */
export interface FuelTestService {
  clock: TestClock;
  close(): Promise<void>;
  database: TestDatabase;
  events: EventPublisher;
  prefix: string;
  service: RunningService;
  sql: Client;
  url: string;
}

export async function startFuelService(
  label: string,
  overrides: Partial<FuelAllocationConfig> = {},
  options: Pick<BootstrapOptions, 'identityRegistryTokens'> = {},
): Promise<FuelTestService> {
  const database = await createTestDatabase(`fuel_${label}`, MIGRATIONS_DIR);
  const prefix = uniqueTopicPrefix(`fuel-${label}`);

  await createPrefixedTopics(prefix);

  const clock = new TestClock(TEST_START);
  const service = await bootstrap(
    {
      databasePoolSize: 10,
      databaseUrl: database.url,
      kafkaBrokers: serviceAddresses().kafkaBrokers,
      kafkaTopicPrefix: prefix,
      logLevel: 'warn',
      migrateOnStart: false,
      port: 0,
      timeZone: 'Asia/Damascus',
      transactionTimeoutMs: 30_000,
      ...overrides,
    },
    {
      ...options,
      clock,
      logger: createLogger('fuel-allocation', process.env.TEST_LOG_LEVEL ?? 'warn'),
    },
  );
  const events = await EventPublisher.connect(prefix);
  const sql = new Client({ connectionString: database.url });

  await sql.connect();

  return {
    clock,
    close: async () => {
      await events.disconnect();
      await sql.end();
      await service.close();
      await deletePrefixedTopics(prefix);
      await database.drop();
    },
    database,
    events,
    prefix,
    service,
    sql,
    url: service.url,
  };
}
