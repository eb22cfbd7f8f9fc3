import type { KafkaMessage, Producer } from 'kafkajs';
import type { z } from 'zod';

import {
  acquireVpcdLock,
  type CardHopper,
  ensurePcscd,
  type PcscdHandle,
  vpcdReaderName,
} from '@bitaqa/card';
import { deadLetterTopic, type EventDefinition, type TopicName, Topics } from '@bitaqa/contracts';
import { createCloudEvent, headerText, toKafkaHeaders } from '@bitaqa/messaging';
import { createLogger } from '@bitaqa/observability';
import {
  createPrefixedTopics,
  createTestDatabase,
  deletePrefixedTopics,
  readTopic,
  serviceAddresses,
  type TestDatabase,
  testKafka,
  uniqueTopicPrefix,
  waitFor,
} from '@bitaqa/testing';

import { bootstrap, type ReaderGatewayApp } from '../../src/bootstrap';
import type { ReaderGatewayConfig, SimulatedFeederConfig } from '../../src/config';
import { EncoderSupervisor } from '../../src/encoders/encoder-supervisor.service';
import { PrismaService } from '../../src/infrastructure/prisma.service';

export const ENCODER_ID = 'encoder-test';

/** A record read back from a topic, with its value parsed when it is JSON. */
export interface TopicRecord {
  data: Record<string, unknown>;
  headers: Record<string, string | undefined>;
  key: string | undefined;
  type: string | undefined;
}

export interface HarnessOptions {
  /** Settings of the simulated feeder on vpcd slot 0; null runs the encoder without cards. */
  feeder?: Partial<Pick<SimulatedFeederConfig, 'mode' | 'pulledCards'>> | null;
  maxCardsPerJob?: number;
  cardWaitTimeoutMs?: number;
}

/**
 * One reader-gateway instance for a test suite: its own database, topic prefix and consumer
 * group on the shared broker, one encoder on vpcd slot 0 with a simulated feeder, and a
 * producer that publishes as the card authority does.
 */
export class Harness {
  private constructor(
    private readonly database: TestDatabase,
    readonly prefix: string,
    private readonly producer: Producer,
    readonly running: ReaderGatewayApp,
    private readonly vpcd: { pcscd: PcscdHandle; release: () => void },
  ) {}

  static async start(label: string, options: HarnessOptions = {}): Promise<Harness> {
    // The lock keeps other test runs out of the vpcd slots while this suite uses them.
    const release = await acquireVpcdLock();
    const pcscd = await ensurePcscd({ port: serviceAddresses().vpcdPort });
    const prefix = uniqueTopicPrefix(`reader-gateway-${label}`);
    await createPrefixedTopics(prefix);
    const database = await createTestDatabase(`reader_gateway_${label}`);
    const addresses = serviceAddresses();
    const feeder =
      options.feeder === null
        ? undefined
        : {
            mode: 'swap' as const,
            vpcdHost: addresses.vpcdHost,
            vpcdPort: addresses.vpcdPort,
            ...options.feeder,
          };
    const config: ReaderGatewayConfig = {
      cardWaitTimeoutMs: options.cardWaitTimeoutMs ?? 10_000,
      databaseUrl: database.url,
      encoders: [
        {
          id: ENCODER_ID,
          readerName: vpcdReaderName(0),
          ...(feeder === undefined ? {} : { feeder }),
        },
      ],
      host: '127.0.0.1',
      jobPollIntervalMs: 100,
      kafkaBrokers: addresses.kafkaBrokers,
      kafkaGroupId: `reader-gateway-${prefix}`,
      kafkaTopicPrefix: prefix,
      logLevel: process.env['LOG_LEVEL'] ?? 'warn',
      maxCardsPerJob: options.maxCardsPerJob ?? 3,
      migrateOnStart: true,
      port: 0,
      transmitTimeoutMs: 5_000,
    };
    const running = await bootstrap(config, createLogger('reader-gateway', config.logLevel));
    const producer = testKafka().producer();
    await producer.connect();

    return new Harness(database, prefix, producer, running, { pcscd, release });
  }

  get prisma(): PrismaService {
    return this.running.app.get(PrismaService);
  }

  /** The simulated card feeder of the test encoder. */
  get feeder(): CardHopper {
    const feeder = this.running.app.get(EncoderSupervisor).simulatedFeeders.get(ENCODER_ID);
    if (feeder === undefined) {
      throw new Error('the test encoder has no simulated feeder');
    }

    return feeder;
  }

  topic(name: TopicName): string {
    return `${this.prefix}${name}`;
  }

  deadLetterTopic(name: TopicName): string {
    return `${this.prefix}${deadLetterTopic(name)}`;
  }

  /** Publishes a valid CloudEvent the way the card authority's outbox relay would. */
  async publish<Schema extends z.ZodType>(
    definition: EventDefinition<string, Schema>,
    data: z.infer<Schema>,
    options: { id?: string } = {},
  ): Promise<void> {
    const event = createCloudEvent(definition, data, { id: options.id, source: '/card-authority' });
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
    return (await readTopic(topic, count, timeoutMs)).map(decodeRecord);
  }

  /**
   * Waits until the job is completed or failed in the database, then reads its result event.
   * Every finished job published one result, so each read stops at that many records. Results
   * of jobs on other partitions can arrive first, so the read repeats until this job's is there.
   */
  async resultFor(jobId: string): Promise<TopicRecord> {
    await waitFor(
      `job ${jobId} to finish`,
      async () => {
        const job = await this.prisma.personalizationJob.findUnique({ where: { jobId } });

        return job !== null && (job.status === 'completed' || job.status === 'failed')
          ? job
          : undefined;
      },
      { timeoutMs: 45_000 },
    );

    return waitFor(
      `result of job ${jobId}`,
      async () => {
        const finished = await this.prisma.personalizationJob.count({
          where: { status: { in: ['completed', 'failed'] } },
        });
        const records = await this.read(
          this.topic(Topics.readerPersonalizationResults),
          finished,
          2_000,
        );

        return records.find((candidate) => candidate.data['jobId'] === jobId);
      },
      { timeoutMs: 20_000 },
    );
  }

  async http<Body>(path: string): Promise<{ body: Body; status: number }> {
    const response = await fetch(`${this.running.url}${path}`);

    return { body: (await response.json()) as Body, status: response.status };
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
    await this.running.close();
    await this.database.drop();
    await deletePrefixedTopics(this.prefix);
    await this.vpcd.pcscd.stop();
    this.vpcd.release();
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

  return { data, headers, key: message.key?.toString('utf8'), type: headers['ce_type'] };
}
