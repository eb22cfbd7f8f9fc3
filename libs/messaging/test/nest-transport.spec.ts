import { Controller, Module } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { Pool } from 'pg';
import pino from 'pino';

import { makeNationalNumber, PersonDied, Topics, type EventData } from '@bitaqa/contracts';
import { MESSAGING_TABLES_SQL } from '@bitaqa/db';
import {
  createPrefixedTopics,
  createTestDatabase,
  deletePrefixedTopics,
  readTopic,
  serviceAddresses,
  uniqueTopicPrefix,
  waitFor,
  type TestDatabase,
} from '@bitaqa/testing';

import {
  createKafka,
  enqueueEvent,
  EventContext,
  headerText,
  KafkaEventServer,
  OutboxRelay,
  RejectedEventError,
} from '../src';

import { pgTransactionRunner, type PgExecutor } from './pg-executor';

const logger = pino({ level: 'silent' });
const rejected = makeNationalNumber(2, 9);

@Controller()
class DeathsController {
  @EventPattern(PersonDied.type)
  async onDeath(
    @Payload() data: EventData<typeof PersonDied.type>,
    @Ctx() context: EventContext<PgExecutor>,
  ): Promise<void> {
    if (data.nationalNumber === rejected)
      throw new RejectedEventError('PERSON_UNKNOWN', 'no such person');
    await context.tx.$executeRawUnsafe(
      'INSERT INTO handled VALUES ($1, $2)',
      data.nationalNumber,
      context.event.id,
    );
  }
}

@Module({ controllers: [DeathsController] })
class DeathsModule {}

describe('KafkaEventServer', () => {
  let database: TestDatabase;
  let pool: Pool;
  let prefix: string;

  beforeAll(async () => {
    database = await createTestDatabase('nest_transport');
    pool = new Pool({ connectionString: database.url });
    await pool.query(MESSAGING_TABLES_SQL);
    await pool.query('CREATE TABLE handled (national_number TEXT PRIMARY KEY, event_id TEXT)');
    prefix = uniqueTopicPrefix('nest');
    await createPrefixedTopics(prefix);
  });

  afterAll(async () => {
    await pool.end();
    await database.drop();
    await deletePrefixedTopics(prefix);
  });

  it('routes event patterns and dead-letters handler rejections', async () => {
    const kafka = createKafka(
      { brokers: serviceAddresses().kafkaBrokers, clientId: 'nest-test' },
      logger,
    );
    const accepted = makeNationalNumber(2, 8);

    await pgTransactionRunner(pool)(async (tx) => {
      await enqueueEvent(
        tx,
        PersonDied,
        { dateOfDeath: '2020-05-05', nationalNumber: rejected },
        { source: '/test' },
      );
      await enqueueEvent(
        tx,
        PersonDied,
        { dateOfDeath: '2020-05-05', nationalNumber: accepted },
        { source: '/test' },
      );
    });
    const relay = new OutboxRelay({
      databaseUrl: database.url,
      kafka,
      logger,
      topicPrefix: prefix,
    });

    await relay.start();

    const moduleRef = await Test.createTestingModule({ imports: [DeathsModule] }).compile();
    const app = moduleRef.createNestMicroservice({
      logger: false,
      strategy: new KafkaEventServer<PgExecutor>({
        groupId: 'nest-test',
        kafka,
        logger,
        retry: { initialBackoffMs: 10, maxAttempts: 2 },
        topicPrefix: prefix,
        topics: [Topics.civilPersons],
        transaction: pgTransactionRunner(pool),
      }),
    });

    await app.listen();

    const rows = await waitFor('accepted death handled', async () => {
      const result = await pool.query('SELECT national_number, event_id FROM handled');

      return result.rows.length > 0 ? result.rows : undefined;
    });
    const deadLetters = await readTopic(`${prefix}${Topics.civilPersons}.dlq`, 1);

    await app.close();
    await relay.stop();

    expect(rows).toEqual([{ event_id: expect.any(String), national_number: accepted }]);
    expect(deadLetters).toHaveLength(1);
    expect(headerText(deadLetters[0]?.headers, 'dlq_error_code')).toBe('PERSON_UNKNOWN');
  });
});
