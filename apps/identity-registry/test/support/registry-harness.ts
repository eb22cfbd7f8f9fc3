import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

import Redis from 'ioredis';
import pino from 'pino';

import { verifierSettingsFromEnv } from '@bitaqa/auth';
import { deadLetterTopic, Topics } from '@bitaqa/contracts';
import { Pool } from 'pg';
import request from 'supertest';

import {
  createPrefixedTopics,
  createTestDatabase,
  deletePrefixedTopics,
  serviceAddresses,
  type TestDatabase,
  uniqueTopicPrefix,
  waitFor,
} from '@bitaqa/testing';

import { TOKEN_AUDIENCE } from '../../src/auth/scopes';
import { bootstrap, MIGRATIONS_DIR, type RunningApp } from '../../src/bootstrap';
import type { AppConfig } from '../../src/config';

import { CivilPublisher } from './civil-publisher';
import { TopicCollector } from './topic-collector';
import { operatorAuthorization } from './tokens';

/**
 * Creates the prefixed topics, retrying twice. While the broker is busy, kafkajs' wait for
 * partition leaders sometimes fails with UNKNOWN_TOPIC_OR_PARTITION for a topic it has just
 * created (seen with other suites loading the two-core machine).
 */
async function createTopicsWithRetry(prefix: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await createPrefixedTopics(prefix);

      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      await sleep(1_000);
    }
  }
}

/**
 * One identity registry with its own database, topic prefix and Redis key prefix, plus the
 * clients a test needs to drive it and look inside.
 */
export class RegistryHarness {
  config!: AppConfig;
  database!: TestDatabase;
  /** Every message on the civil dead-letter topics. */
  deadLetters!: TopicCollector;
  /** `Authorization` header value of an operator token with every operator scope. */
  operatorAuth!: string;
  pool!: Pool;
  publisher!: CivilPublisher;
  redis!: Redis;
  running!: RunningApp;
  topicPrefix!: string;

  constructor(private readonly label: string) {}

  async start(overrides: Partial<AppConfig> = {}): Promise<void> {
    const addresses = serviceAddresses();

    this.database = await createTestDatabase(`identity_${this.label}`, MIGRATIONS_DIR);
    this.pool = new Pool({ connectionString: this.database.url, max: 2 });
    this.topicPrefix = uniqueTopicPrefix(`identity-${this.label}`);
    await createTopicsWithRetry(this.topicPrefix);
    this.redis = new Redis(addresses.redisUrl);
    this.config = {
      auth: verifierSettingsFromEnv(TOKEN_AUDIENCE),
      databaseUrl: this.database.url,
      host: '127.0.0.1',
      identityCacheTtlSeconds: 300,
      kafkaBrokers: addresses.kafkaBrokers,
      kafkaGroupId: `identity-registry-${this.topicPrefix}`,
      kafkaTopicPrefix: this.topicPrefix,
      logLevel: 'info',
      migrateOnStart: false,
      port: 0,
      rateLimitRequests: 1_000,
      // An hour-long window, so a test's burst of requests never straddles two windows.
      rateLimitWindowSeconds: 3_600,
      redisKeyPrefix: `test-identity-${this.label}-${randomBytes(3).toString('hex')}:`,
      redisUrl: addresses.redisUrl,
      ...overrides,
    };
    this.running = await bootstrap(
      this.config,
      pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    );
    this.operatorAuth = await operatorAuthorization();
    this.publisher = new CivilPublisher(this.topicPrefix);
    await this.publisher.connect();
    this.deadLetters = new TopicCollector([
      `${this.topicPrefix}${deadLetterTopic(Topics.civilPersons)}`,
      `${this.topicPrefix}${deadLetterTopic(Topics.civilFamilies)}`,
    ]);
    await this.deadLetters.start();
  }

  async stop(): Promise<void> {
    await this.deadLetters?.stop();
    await this.publisher?.disconnect();
    await this.running?.close();
    await this.deleteRedisKeys();
    this.redis?.disconnect();
    await this.pool?.end();
    await this.database?.drop();
    if (this.topicPrefix) await deletePrefixedTopics(this.topicPrefix);
  }

  get httpServer(): Server {
    return this.running.app.getHttpServer();
  }

  /** `GET /identities/:nationalNumber` with the operator token and a service-desk purpose. */
  readIdentity(nationalNumber: string): request.Test {
    return request(this.httpServer)
      .get(`/identities/${nationalNumber}`)
      .query({ purpose: 'service-desk' })
      .set('authorization', this.operatorAuth);
  }

  async query<Row extends object>(sql: string, values: unknown[] = []): Promise<Row[]> {
    return (await this.pool.query<Row>(sql, values)).rows;
  }

  /** IdentityUpdated rows written to the outbox for one person, oldest first. */
  async identityUpdates(nationalNumber: string): Promise<Array<Record<string, unknown>>> {
    const rows = await this.query<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM outbox_events
       WHERE event_type = 'sy.gov.identity.identity-updated.v1' AND message_key = $1 ORDER BY id`,
      [nationalNumber],
    );

    return rows.map((row) => row.payload);
  }

  /** Waits until the consumer has committed every given event (a dead-lettered one never is). */
  async waitForHandled(...events: Array<{ id: string }>): Promise<void> {
    const ids = events.map((event) => event.id);

    await waitFor(`events ${ids.join(', ')} handled`, async () => {
      const rows = await this.query<{ count: number }>(
        'SELECT count(*)::int AS count FROM inbox_events WHERE event_id = ANY($1::text[])',
        [ids],
      );

      return rows[0]?.count === ids.length ? true : undefined;
    });
  }

  private async deleteRedisKeys(): Promise<void> {
    if (!this.redis || !this.config) return;

    const keys = await this.redis.keys(`${this.config.redisKeyPrefix}*`);

    if (keys.length > 0) await this.redis.del(...keys);
  }
}
