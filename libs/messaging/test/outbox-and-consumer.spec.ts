import { Pool } from 'pg';
import pino from 'pino';

import { makeNationalNumber, PersonDied, Topics } from '@bitaqa/contracts';
import { MESSAGING_TABLES_SQL } from '@bitaqa/db';
import {
  createPrefixedTopics,
  createTestDatabase,
  deletePrefixedTopics,
  readTopic,
  serviceAddresses,
  testKafka,
  uniqueTopicPrefix,
  waitFor,
  type TestDatabase,
} from '@bitaqa/testing';

import {
  createKafka,
  enqueueEvent,
  EventConsumer,
  headerText,
  OutboxRelay,
  RejectedEventError,
} from '../src';

import { pgTransactionRunner, type PgExecutor } from './pg-executor';

const logger = pino({ level: 'silent' });
const deathOf = (serial: number) => ({
  dateOfDeath: '2024-01-02',
  nationalNumber: makeNationalNumber(1, serial),
});

describe('outbox relay and event consumer', () => {
  let database: TestDatabase;
  let pool: Pool;
  let prefix: string;

  beforeAll(async () => {
    database = await createTestDatabase('messaging');
    pool = new Pool({ connectionString: database.url, max: 4 });
    await pool.query(MESSAGING_TABLES_SQL);
    await pool.query('CREATE TABLE handled (national_number TEXT PRIMARY KEY)');
    prefix = uniqueTopicPrefix('messaging');
    await createPrefixedTopics(prefix);
  });

  afterAll(async () => {
    await pool.end();
    await database.drop();
    await deletePrefixedTopics(prefix);
  });

  async function publishThroughOutbox(data: ReturnType<typeof deathOf>[]): Promise<void> {
    await pgTransactionRunner(pool)(async (tx) => {
      for (const item of data) await enqueueEvent(tx, PersonDied, item, { source: '/test' });
    });

    const relay = new OutboxRelay({
      databaseUrl: database.url,
      kafka: createKafka(
        { brokers: serviceAddresses().kafkaBrokers, clientId: 'relay-test' },
        logger,
      ),
      logger,
      topicPrefix: prefix,
    });

    await relay.start();
    await waitFor('outbox drained', async () => {
      const { rows } = await pool.query(
        'SELECT count(*)::int AS n FROM outbox_events WHERE sent_at IS NULL',
      );

      return rows[0].n === 0 ? true : undefined;
    });
    await relay.stop();
  }

  it('relay publishes CloudEvents keyed by aggregate', async () => {
    await publishThroughOutbox([deathOf(1), deathOf(2)]);

    const messages = await readTopic(`${prefix}${Topics.civilPersons}`, 2);

    expect(messages).toHaveLength(2);
    expect(headerText(messages[0]?.headers, 'ce_type')).toBe(PersonDied.type);
    expect(headerText(messages[0]?.headers, 'ce_specversion')).toBe('1.0');
    expect(messages.map((message) => message.key?.toString()).sort()).toEqual(
      [deathOf(1).nationalNumber, deathOf(2).nationalNumber].sort(),
    );
  });

  it('enqueue rejects data off the schema and writes nothing', async () => {
    const attempt = pgTransactionRunner(pool)((tx) =>
      enqueueEvent(
        tx,
        PersonDied,
        { dateOfDeath: 'yesterday', nationalNumber: '123' },
        { source: '/test' },
      ),
    );

    await expect(attempt).rejects.toMatchObject({ code: 'EVENT_SCHEMA_VIOLATION' });
    const { rows } = await pool.query(
      "SELECT count(*)::int AS n FROM outbox_events WHERE payload->>'nationalNumber' = '123'",
    );

    expect(rows[0].n).toBe(0);
  });

  it('consumer handles once, dead-letters bad and rejected events, carries on', async () => {
    const producer = testKafka().producer();
    const topic = `${prefix}${Topics.civilPersons}`;

    await producer.connect();
    await producer.send({
      messages: [
        {
          headers: { ce_specversion: '1.0', ce_type: PersonDied.type },
          key: 'x',
          value: '{not json',
        },
      ],
      topic,
    });
    await publishThroughOutbox([deathOf(3)]);
    await publishThroughOutbox([deathOf(4)]);
    await producer.disconnect();

    const consumer = new EventConsumer<PgExecutor>({
      groupId: 'messaging-test',
      kafka: createKafka(
        { brokers: serviceAddresses().kafkaBrokers, clientId: 'consumer-test' },
        logger,
      ),
      logger,
      retry: { initialBackoffMs: 10, maxAttempts: 2 },
      topicPrefix: prefix,
      topics: [Topics.civilPersons],
      transaction: pgTransactionRunner(pool),
    });

    consumer.on(PersonDied.type, async (event, tx) => {
      if (event.data.nationalNumber === deathOf(4).nationalNumber)
        throw new RejectedEventError('PERSON_UNKNOWN', 'no such person');
      await tx.$executeRawUnsafe('INSERT INTO handled VALUES ($1)', event.data.nationalNumber);
    });
    await consumer.start();

    const handled = await waitFor('three valid events handled', async () => {
      const { rows } = await pool.query('SELECT national_number FROM handled ORDER BY 1');

      return rows.length >= 3 ? rows.map((row) => row.national_number) : undefined;
    });
    const deadLetters = await readTopic(`${topic}.dlq`, 2);

    await consumer.stop();

    expect(handled).toEqual(
      [deathOf(1), deathOf(2), deathOf(3)].map((item) => item.nationalNumber),
    );
    expect(
      deadLetters.map((message) => headerText(message.headers, 'dlq_error_code')).sort(),
    ).toEqual(['MALFORMED_JSON', 'PERSON_UNKNOWN']);
    expect(headerText(deadLetters[0]?.headers, 'dlq_reason')).toBeTruthy();
    expect(headerText(deadLetters[0]?.headers, 'dlq_source_topic')).toBe(topic);
  });

  it('replayed events are not handled twice', async () => {
    const consumer = new EventConsumer<PgExecutor>({
      groupId: 'messaging-test-replay',
      kafka: createKafka(
        { brokers: serviceAddresses().kafkaBrokers, clientId: 'replay-test' },
        logger,
      ),
      logger,
      topicPrefix: prefix,
      topics: [Topics.civilPersons],
      transaction: pgTransactionRunner(pool),
    });
    let calls = 0;

    consumer.on(PersonDied.type, async (event, tx) => {
      calls += 1;
      await tx.$executeRawUnsafe(
        'INSERT INTO handled VALUES ($1) ON CONFLICT DO NOTHING',
        event.data.nationalNumber,
      );
    });
    await pool.query(
      "INSERT INTO inbox_events (consumer_group, event_id, event_type) SELECT 'messaging-test-replay', event_id::text, event_type FROM outbox_events",
    );
    await publishThroughOutbox([deathOf(5)]);
    await consumer.start();
    await waitFor('the one new event handled', async () => {
      const { rows } = await pool.query('SELECT 1 FROM handled WHERE national_number = $1', [
        deathOf(5).nationalNumber,
      ]);

      return rows.length === 1 ? true : undefined;
    });
    await consumer.stop();

    expect(calls).toBe(1);
  });
});
