import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';

import { verifierSettingsFromEnv } from '@bitaqa/auth';
import { createLogger } from '@bitaqa/observability';
import {
  createTestDatabase,
  serviceAddresses,
  testAuthorization,
  type TestDatabase,
} from '@bitaqa/testing';

// Service onboarding sets agency policies in the identity registry over HTTP. The onboarding
// tests start the real registry beside the authority, which the app boundary rule forbids for
// production code.
// eslint-disable-next-line @nx/enforce-module-boundaries
import {
  bootstrap,
  MIGRATIONS_DIR,
  type RunningApp,
} from '../../../identity-registry/src/bootstrap';

/** Picks a port that is free now, so a registry can be stopped and started again on it. */
export async function freePort(): Promise<number> {
  const server = createServer();

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const address = server.address();

  await new Promise<void>((resolve) => server.close(() => resolve()));

  if (address === null || typeof address === 'string') throw new Error('no TCP port was bound');

  return address.port;
}

export interface RegistryResult<Body> {
  body: Body;
  status: number;
}

/**
 * The identity registry on its own database and a fixed port, so `stop()` and `start()` can
 * simulate an outage while the card authority keeps the same URL.
 */
export class TestIdentityRegistry {
  private running: RunningApp | undefined;

  private constructor(
    private readonly database: TestDatabase,
    readonly port: number,
    private readonly redisKeyPrefix: string,
    private readonly topicPrefix: string,
  ) {}

  /**
   * Prepares a registry on `port` that shares the card authority's topic prefix; `start()`
   * runs it.
   */
  static async create(
    label: string,
    topicPrefix: string,
    port: number,
  ): Promise<TestIdentityRegistry> {
    const database = await createTestDatabase(`authority_registry_${label}`, MIGRATIONS_DIR);
    const redisKeyPrefix = `test-authority-registry-${label}-${randomBytes(3).toString('hex')}:`;

    return new TestIdentityRegistry(database, port, redisKeyPrefix, topicPrefix);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const addresses = serviceAddresses();

    this.running = await bootstrap(
      {
        auth: verifierSettingsFromEnv('identity-registry'),
        databaseUrl: this.database.url,
        host: '127.0.0.1',
        identityCacheTtlSeconds: 300,
        kafkaBrokers: addresses.kafkaBrokers,
        kafkaGroupId: `${this.topicPrefix}identity-registry`,
        kafkaTopicPrefix: this.topicPrefix,
        logLevel: 'warn',
        migrateOnStart: false,
        port: this.port,
        rateLimitRequests: 1_000,
        rateLimitWindowSeconds: 3_600,
        redisKeyPrefix: this.redisKeyPrefix,
        redisUrl: addresses.redisUrl,
      },
      createLogger('identity-registry', process.env.TEST_LOG_LEVEL ?? 'silent'),
    );
  }

  async stop(): Promise<void> {
    await this.running?.close();
    this.running = undefined;
  }

  async close(): Promise<void> {
    await this.stop();
    await this.database.drop();
  }

  /** Reads an agency with an operator token that may manage agencies. */
  async agency<Body>(serviceId: string): Promise<RegistryResult<Body>> {
    const authorization = await testAuthorization({
      audience: 'identity-registry',
      scopes: ['identity:agencies'],
    });
    const response = await fetch(`${this.url}/agencies/${serviceId}`, {
      headers: { authorization },
    });

    return { body: (await response.json()) as Body, status: response.status };
  }
}
