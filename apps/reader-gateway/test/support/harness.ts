import type { KafkaMessage, Producer } from 'kafkajs';
import type { z } from 'zod';

import {
  acquireVpcdLock,
  type CardHopper,
  ensurePcscd,
  type PcscdHandle,
  vpcdReaderName,
} from '@bitaqa/card';
import {
  deadLetterTopic,
  type EventDefinition,
  PersonalizationRequested,
  type TopicName,
  Topics,
} from '@bitaqa/contracts';
import { createCloudEvent, headerText, toKafkaHeaders } from '@bitaqa/messaging';
import { createLogger } from '@bitaqa/observability';
import {
  createPrefixedTopics,
  createTestDatabase,
  deletePrefixedTopics,
  readTopic,
  serviceAddresses,
  type TestDatabase,
  testAuthorization,
  testKafka,
  testTokenSource,
  uniqueTopicPrefix,
  waitFor,
} from '@bitaqa/testing';

import { bootstrap, type ReaderGatewayApp } from '../../src/bootstrap';
import type { EncoderConfig, ReaderGatewayConfig, SimulatedFeederConfig } from '../../src/config';
import { EncoderSupervisor } from '../../src/encoders/encoder-supervisor.service';
import { PrismaService } from '../../src/infrastructure/prisma.service';

import { TestAuthority } from './test-authority';
import { UnpluggableReaders } from './unpluggable-readers';

export const ENCODER_ID = 'encoder-test';

/** The second encoder, on vpcd slot 1, of suites that start two. */
export const SECOND_ENCODER_ID = 'encoder-test-2';

/** The token the gateway under test presents to the stand-in authority. */
export const READER_TOKEN = {
  audience: 'card-authority',
  kind: 'app',
  scopes: ['authority:personalize'],
  subject: 'reader-site-test',
} as const;

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
  /** Encoders on vpcd slot 0, or slots 0 and 1; one by default. */
  encoders?: 1 | 2;
  /** False runs the gateway without a card authority, so cards get no keys. */
  authority?: boolean;
  /** Encoder sites the gateway serves; every site by default. */
  sites?: string[];
}

/**
 * One reader-gateway instance for a test suite: its own database, topic prefix and consumer
 * group on the shared broker, one or two encoders on the vpcd slots with simulated feeders, a
 * test card authority that hands out card secrets, and a producer that publishes as the card
 * authority does.
 */
export class Harness {
  private constructor(
    private readonly database: TestDatabase,
    readonly prefix: string,
    private readonly producer: Producer,
    readonly running: ReaderGatewayApp,
    private readonly vpcd: { pcscd: PcscdHandle; release: () => void },
    readonly authority: TestAuthority | null,
    readonly readers: UnpluggableReaders,
  ) {}

  static async start(label: string, options: HarnessOptions = {}): Promise<Harness> {
    // The lock keeps other test runs out of the vpcd slots while this suite uses them.
    const release = await acquireVpcdLock();
    const pcscd = await ensurePcscd({ port: serviceAddresses().vpcdPort });
    const prefix = uniqueTopicPrefix(`reader-gateway-${label}`);
    await createPrefixedTopics(prefix);
    const database = await createTestDatabase(`reader_gateway_${label}`);
    const addresses = serviceAddresses();
    const feeder = (slot: 0 | 1) =>
      options.feeder === null
        ? undefined
        : {
            mode: 'swap' as const,
            vpcdHost: addresses.vpcdHost,
            vpcdPort: addresses.vpcdPort + slot,
            ...options.feeder,
          };
    const encoder = (id: string, slot: 0 | 1): EncoderConfig => {
      const settings = feeder(slot);

      return {
        id,
        readerName: vpcdReaderName(slot),
        ...(settings === undefined ? {} : { feeder: settings }),
      };
    };
    const authority = options.authority === false ? null : await TestAuthority.start();
    const config: ReaderGatewayConfig = {
      authorityTimeoutMs: 5_000,
      authorityCredentials: null,
      authorityUrl: authority?.url ?? null,
      cardWaitTimeoutMs: options.cardWaitTimeoutMs ?? 10_000,
      databaseUrl: database.url,
      encoders:
        options.encoders === 2
          ? [encoder(ENCODER_ID, 0), encoder(SECOND_ENCODER_ID, 1)]
          : [encoder(ENCODER_ID, 0)],
      host: '127.0.0.1',
      jobPollIntervalMs: 100,
      kafkaBrokers: addresses.kafkaBrokers,
      kafkaGroupId: `reader-gateway-${prefix}`,
      kafkaTopicPrefix: prefix,
      logLevel: process.env['LOG_LEVEL'] ?? 'warn',
      maxCardsPerJob: options.maxCardsPerJob ?? 3,
      sites: options.sites ?? null,
      migrateOnStart: true,
      port: 0,
      readerPollIntervalMs: 200,
      transmitTimeoutMs: 5_000,
    };
    const readers = new UnpluggableReaders();
    const tokens = await testTokenSource(READER_TOKEN);
    const running = await bootstrap(config, {
      authorization: () => tokens.authorization(),
      logger: createLogger('reader-gateway', config.logLevel),
      readers,
    });
    const producer = testKafka().producer();
    await producer.connect();

    return new Harness(database, prefix, producer, running, { pcscd, release }, authority, readers);
  }

  get prisma(): PrismaService {
    return this.running.app.get(PrismaService);
  }

  /** The simulated card feeder of the test encoder. */
  get feeder(): CardHopper {
    return this.feederOf(ENCODER_ID);
  }

  feederOf(encoderId: string): CardHopper {
    const feeder = this.supervisor.simulatedFeeders.get(encoderId);
    if (feeder === undefined) {
      throw new Error(`encoder ${encoderId} has no simulated feeder`);
    }

    return feeder;
  }

  get supervisor(): EncoderSupervisor {
    return this.running.app.get(EncoderSupervisor);
  }

  /** Takes the encoder's reader off pcscd's list and closes its emulator's vpcd connection. */
  async unplug(encoderId: string): Promise<void> {
    this.readers.unplug(this.readerOf(encoderId));
    await this.feederOf(encoderId).stop();
  }

  /** Connects the emulator again, with a new blank card, and puts the reader back on the list. */
  async plugIn(encoderId: string): Promise<void> {
    await this.feederOf(encoderId).start();
    this.readers.plugIn(this.readerOf(encoderId));
  }

  private readerOf(encoderId: string): string {
    return encoderId === SECOND_ENCODER_ID ? vpcdReaderName(1) : vpcdReaderName(0);
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
    if (definition.type === PersonalizationRequested.type) {
      const request = event.data as { cardNumber: string; jobId: string };
      this.authority?.expectJob(request.jobId, request.cardNumber);
    }

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

  /**
   * Calls the gateway's HTTP API with an operator token, or with `authorization` when given
   * (null sends no header).
   */
  async http<Body>(
    path: string,
    authorization?: string | null,
  ): Promise<{ body: Body; status: number }> {
    const header =
      authorization === undefined
        ? await testAuthorization({ audience: 'reader-gateway', scopes: ['reader:operate'] })
        : authorization;
    const response = await fetch(`${this.running.url}${path}`, {
      headers: header === null ? {} : { authorization: header },
    });

    return { body: (await response.json()) as Body, status: response.status };
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
    await this.running.close();
    await this.database.drop();
    await deletePrefixedTopics(this.prefix);
    await this.authority?.close();
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
