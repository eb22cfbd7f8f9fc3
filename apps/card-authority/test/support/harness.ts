import type { KafkaMessage, Producer } from 'kafkajs';
import type { z } from 'zod';

import { deadLetterTopic, type EventDefinition, type TopicName } from '@bitaqa/contracts';
import { createCloudEvent, headerText, toKafkaHeaders, type CloudEvent } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';
import {
  createPrefixedTopics,
  createTestDatabase,
  deletePrefixedTopics,
  readTopic,
  serviceAddresses,
  testAuthorization,
  testKafka,
  uniqueTopicPrefix,
  waitFor,
  type TestDatabase,
} from '@bitaqa/testing';

import { loadAuthorityAuthConfig, type AuthorityAuthConfig } from '../../src/auth/auth-config';
import { AUTHORITY_AUDIENCE, AuthorityScopes } from '../../src/auth/scopes';
import { bootstrap, type RunningApp } from '../../src/bootstrap';
import { CardLifecycleService } from '../../src/cards/card-lifecycle.service';
import type { Clock } from '../../src/core.module';
import { PrismaService } from '../../src/database/prisma.service';

/** A decoded record read back from a topic. */
export interface TopicRecord<Data = Record<string, unknown>> {
  data: Data;
  headers: Record<string, string | undefined>;
  key: string | undefined;
  type: string | undefined;
}

/** Settings a suite may change; the expiry job is off unless a suite turns it on. */
export interface HarnessOptions {
  /** Token settings to change. The others come from the environment (.bitaqa/env). */
  auth?: Partial<AuthorityAuthConfig>;
  clock?: Clock;
  expiryIntervalMs?: number;
  /** Logger of the app, for suites that check its log lines. */
  logger?: Logger;
  /** HTTP port, 0 (a free one) by default. */
  port?: number;
  hotlistRebuildBatchSize?: number;
}

export interface HttpResult<Body> {
  body: Body;
  headers: Headers;
  status: number;
}

/** Every scope of the card authority, so a suite can call any of its routes. */
const ALL_AUTHORITY_SCOPES = Object.values(AuthorityScopes);

/**
 * An `Authorization` header for the card authority, signed with the local platform key. The
 * default token has every authority scope.
 */
export function authorityAuthorization(
  scopes: readonly string[] = ALL_AUTHORITY_SCOPES,
  subject = 'test-officer',
): Promise<string> {
  return testAuthorization({ audience: AUTHORITY_AUDIENCE, scopes, subject });
}

/**
 * One card-authority instance for a test suite: its own database, its own topic prefix on the
 * shared broker, its own consumer group, and a producer that publishes as the upstream apps do.
 */
export class Harness {
  private constructor(
    private readonly database: TestDatabase,
    readonly prefix: string,
    private readonly producer: Producer,
    readonly running: RunningApp,
  ) {}

  static async start(label: string, options: HarnessOptions = {}): Promise<Harness> {
    const prefix = uniqueTopicPrefix(`card-authority-${label}`);

    await createPrefixedTopics(prefix);

    const database = await createTestDatabase(`card_authority_${label}`);
    const auth: AuthorityAuthConfig = {
      ...loadAuthorityAuthConfig(),
      bootstrapClientsFile: null,
      redisKeyPrefix: `${prefix}card-authority:`,
      ...options.auth,
    };
    const running = await bootstrap(
      {
        databaseUrl: database.url,
        expiryIntervalMs: options.expiryIntervalMs ?? 0,
        host: '127.0.0.1',
        hotlistRebuildBatchSize: options.hotlistRebuildBatchSize ?? 500,
        kafkaBrokers: serviceAddresses().kafkaBrokers,
        kafkaGroupId: `${prefix}card-authority`,
        kafkaTopicPrefix: prefix,
        logLevel: process.env.TEST_LOG_LEVEL ?? 'silent',
        migrateOnStart: true,
        port: options.port ?? 0,
      },
      { auth, clock: options.clock, logger: options.logger },
    );
    const producer = testKafka().producer();

    await producer.connect();

    return new Harness(database, prefix, producer, running);
  }

  /** URL of the suite's own database, for tools that connect to it directly. */
  get databaseUrl(): string {
    return this.database.url;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.running.port}`;
  }

  get lifecycle(): CardLifecycleService {
    return this.running.app.get(CardLifecycleService);
  }

  get prisma(): PrismaService {
    return this.running.app.get(PrismaService);
  }

  topic(name: TopicName): string {
    return `${this.prefix}${name}`;
  }

  deadLetterTopic(name: TopicName): string {
    return `${this.prefix}${deadLetterTopic(name)}`;
  }

  /** Publishes a valid CloudEvent the way the upstream app's outbox relay would. */
  async publish<Schema extends z.ZodType>(
    definition: EventDefinition<string, Schema>,
    data: z.infer<Schema>,
    options: { id?: string } = {},
  ): Promise<CloudEvent<z.infer<Schema>>> {
    const event = createCloudEvent(definition, data, { id: options.id, source: '/test' });

    await this.producer.send({
      acks: -1,
      messages: [
        {
          headers: toKafkaHeaders(event),
          key: definition.key(event.data),
          value: JSON.stringify(event.data),
        },
      ],
      topic: this.topic(definition.topic),
    });

    return event;
  }

  /** Publishes a message as given, for events that are broken on purpose. */
  async publishRaw(
    topic: TopicName,
    message: { headers: Record<string, string>; key: string; value: string },
  ): Promise<void> {
    await this.producer.send({ acks: -1, messages: [message], topic: this.topic(topic) });
  }

  /** Reads `count` records of a physical topic from the beginning, or fewer after `timeoutMs`. */
  async read(topic: string, count: number, timeoutMs?: number): Promise<TopicRecord[]> {
    const messages = await readTopic(topic, count, timeoutMs);

    return messages.map(decodeRecord);
  }

  /**
   * Waits until the outbox has sent every event for `name`, then reads them all back from the
   * start of the topic, in partition order.
   */
  async readPublished(name: TopicName): Promise<TopicRecord[]> {
    const count = await waitFor(`outbox sent every ${name} event`, async () => {
      const unsent = await this.prisma.outboxEvent.count({ where: { sentAt: null, topic: name } });

      return unsent === 0 ? this.prisma.outboxEvent.count({ where: { topic: name } }) : undefined;
    });

    return this.read(this.topic(name), count);
  }

  /** Counts the events of `type` the app has written to its outbox, sent or not. */
  async published(type: string): Promise<number> {
    return this.prisma.outboxEvent.count({ where: { eventType: type } });
  }

  /**
   * Calls the app with a token that has every authority scope, or with `authorization` as
   * given. Null sends no Authorization header.
   */
  async http<Body>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    authorization?: string | null,
  ): Promise<HttpResult<Body>> {
    // A string body is sent as it is, so tests can send malformed JSON.
    const payload = typeof body === 'string' ? body : JSON.stringify(body);
    const headers: Record<string, string> = {};
    const header = authorization === undefined ? await authorityAuthorization() : authorization;

    if (body !== undefined) headers['content-type'] = 'application/json';
    if (header !== null) headers['authorization'] = header;

    const response = await fetch(`${this.baseUrl}${path}`, {
      body: body === undefined ? undefined : payload,
      headers,
      method,
    });

    return {
      body: (await response.json()) as Body,
      headers: response.headers,
      status: response.status,
    };
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
    await this.running.close();
    await this.database.drop();
    await deletePrefixedTopics(this.prefix);
  }
}

function decodeRecord(message: KafkaMessage): TopicRecord {
  const headers: Record<string, string | undefined> = {};

  for (const name of Object.keys(message.headers ?? {})) {
    headers[name] = headerText(message.headers, name);
  }

  let data: Record<string, unknown> = {};

  try {
    data = JSON.parse(message.value?.toString('utf8') ?? 'null') as Record<string, unknown>;
  } catch {
    // Broken messages parked on a dead-letter topic keep their undecodable value.
  }

  return { data, headers, key: message.key?.toString('utf8'), type: headers.ce_type };
}
