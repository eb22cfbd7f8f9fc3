import { setTimeout as sleep } from 'node:timers/promises';

import type {
  Consumer,
  EachBatchPayload,
  EachMessagePayload,
  Kafka,
  KafkaMessage,
  Producer,
} from 'kafkajs';

import type { EventData, EventType, TopicName } from '@bitaqa/contracts';
import { errorFields, withCorrelationId, type Logger } from '@bitaqa/observability';

import { decodeCloudEvent, headerText, type CloudEvent } from './cloud-event';
import { sendToDeadLetter } from './dead-letter';
import { errorCode, isRetriable } from './errors';
import type { SqlExecutor, TransactionRunner } from './sql-executor';
import { physicalDeadLetterTopic, physicalTopic } from './topic-names';

export type EventHandler<Tx, Data = unknown> = (event: CloudEvent<Data>, tx: Tx) => Promise<void>;

export interface RetryPolicy {
  initialBackoffMs: number;
  maxAttempts: number;
  maxBackoffMs: number;
}

export interface EventConsumerOptions<Tx extends SqlExecutor> {
  /**
   * Events applied in one transaction when they arrive together. A failing group is rolled back
   * and its events are applied one by one, so one bad event costs only its own retries.
   */
  batchSize?: number;
  groupId: string;
  kafka: Kafka;
  logger: Logger;
  /** Partitions handled at once; two cores make three a sensible default. */
  partitionsConsumedConcurrently?: number;
  retry?: Partial<RetryPolicy>;
  topicPrefix?: string;
  topics: TopicName[];
  transaction: TransactionRunner<Tx>;
}

const DEFAULT_RETRY: RetryPolicy = { initialBackoffMs: 200, maxAttempts: 5, maxBackoffMs: 5_000 };

const INSERT_INBOX_ROW = `
INSERT INTO inbox_events (consumer_group, event_id, event_type) VALUES ($1, $2, $3)
ON CONFLICT DO NOTHING`;

type Outcome = 'dead-lettered' | 'duplicate' | 'handled' | 'ignored';

/**
 * Consumes CloudEvents from catalogue topics. Each event is handled once per consumer group:
 * the inbox row and the handler's writes commit in one transaction. Invalid events and events
 * that still fail after bounded retries go to `<topic>.dlq` with the reason, and the partition
 * moves on.
 */
export class EventConsumer<Tx extends SqlExecutor> {
  private consumer: Consumer | undefined;
  private readonly handlers = new Map<string, EventHandler<Tx>>();
  private producer: Producer | undefined;
  private readonly retry: RetryPolicy;

  constructor(private readonly options: EventConsumerOptions<Tx>) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
  }

  on<Type extends EventType>(type: Type, handler: EventHandler<Tx, EventData<Type>>): this {
    this.handlers.set(type, handler as EventHandler<Tx>);

    return this;
  }

  /** Registers a handler by type name; the Nest transport uses it for `@EventPattern` handlers. */
  onType(type: string, handler: EventHandler<Tx>): this {
    this.handlers.set(type, handler);

    return this;
  }

  async start(): Promise<void> {
    const { groupId, kafka, logger, topics } = this.options;

    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    this.consumer = kafka.consumer({ groupId, retry: { retries: 10 } });
    await this.consumer.connect();
    for (const topic of topics) {
      await this.consumer.subscribe({
        fromBeginning: true,
        topic: physicalTopic(topic, this.options.topicPrefix),
      });
    }
    await this.consumer.run({
      eachBatch: (payload) => this.processBatch(payload),
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
    });
    logger.info({ groupId, handlers: [...this.handlers.keys()], topics }, 'event consumer started');
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
    this.options.logger.info({ groupId: this.options.groupId }, 'event consumer stopped');
  }

  private catalogueTopic(physical: string): TopicName {
    const prefix = this.options.topicPrefix ?? '';

    return (physical.startsWith(prefix) ? physical.slice(prefix.length) : physical) as TopicName;
  }

  private async processBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, heartbeat, isRunning, isStale, resolveOffset } = payload;
    const size = this.options.batchSize ?? 100;

    for (let start = 0; start < batch.messages.length; start += size) {
      if (!isRunning() || isStale()) return;

      const chunk = batch.messages.slice(start, start + size);

      await this.processChunk(batch.topic, batch.partition, chunk);
      resolveOffset((chunk[chunk.length - 1] as KafkaMessage).offset);
      await heartbeat();
    }
  }

  /** Applies a chunk in one transaction; on any failure, falls back to one event at a time. */
  private async processChunk(
    topic: string,
    partition: number,
    messages: KafkaMessage[],
  ): Promise<void> {
    const payloads = messages.map(
      (message) => ({ message, partition, topic }) as EachMessagePayload,
    );
    const decoded = payloads.map((item) => this.tryDecode(item));

    if (decoded.some((event) => event === undefined) || messages.length === 1) {
      for (const item of payloads) await this.process(item);

      return;
    }

    try {
      await this.handleTogether(decoded as CloudEvent[]);
    } catch (error) {
      this.options.logger.debug(
        { err: errorFields(error), partition, size: messages.length, topic },
        'batch failed, applying events one by one',
      );
      for (const item of payloads) await this.process(item);
    }
  }

  private tryDecode(payload: EachMessagePayload): CloudEvent | undefined {
    try {
      return decodeCloudEvent(payload.message, {
        offset: payload.message.offset,
        partition: payload.partition,
        topic: payload.topic,
      });
    } catch {
      return undefined;
    }
  }

  private async handleTogether(events: CloudEvent[]): Promise<void> {
    await this.options.transaction(async (tx) => {
      for (const event of events) {
        const handler = this.handlers.get(event.type);

        if (!handler) continue;

        const inserted = await tx.$executeRawUnsafe(
          INSERT_INBOX_ROW,
          this.options.groupId,
          event.id,
          event.type,
        );

        if (inserted > 0) await withCorrelationId(event.id, () => handler(event, tx));
      }
    });
  }

  private async process(payload: EachMessagePayload): Promise<Outcome> {
    const { message, partition, topic } = payload;
    const correlationId = headerText(message.headers, 'ce_correlationid');

    return withCorrelationId(correlationId, async () => {
      const location = { offset: message.offset, partition, topic };
      let event: CloudEvent;

      try {
        event = decodeCloudEvent(message, location);
      } catch (error) {
        return this.deadLetter(payload, error);
      }

      const handler = this.handlers.get(event.type);

      if (!handler) return 'ignored';

      return this.handleWithRetries(payload, event, handler);
    });
  }

  private async handleWithRetries(
    payload: EachMessagePayload,
    event: CloudEvent,
    handler: EventHandler<Tx>,
  ): Promise<Outcome> {
    const log = this.options.logger.child({
      eventId: event.id,
      eventType: event.type,
      offset: payload.message.offset,
      partition: payload.partition,
      topic: payload.topic,
    });

    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.handleOnce(event, handler);
      } catch (error) {
        if (!isRetriable(error) || attempt >= this.retry.maxAttempts) {
          log.error(
            { attempt, err: errorFields(error) },
            'event handling failed, sending to dead-letter topic',
          );

          return this.deadLetter(payload, error);
        }

        const backoffMs = Math.min(
          this.retry.maxBackoffMs,
          this.retry.initialBackoffMs * 2 ** (attempt - 1),
        );

        log.warn(
          { attempt, backoffMs, code: errorCode(error), err: errorFields(error) },
          'event handling failed, retrying',
        );
        await sleep(backoffMs);
      }
    }
  }

  private async handleOnce(event: CloudEvent, handler: EventHandler<Tx>): Promise<Outcome> {
    return this.options.transaction(async (tx) => {
      const inserted = await tx.$executeRawUnsafe(
        INSERT_INBOX_ROW,
        this.options.groupId,
        event.id,
        event.type,
      );

      if (inserted === 0) return 'duplicate';

      await handler(event, tx);

      return 'handled';
    });
  }

  private async deadLetter(payload: EachMessagePayload, error: unknown): Promise<Outcome> {
    if (!this.producer) throw new Error('event consumer is not started');

    const deadLetterTopic = physicalDeadLetterTopic(
      this.catalogueTopic(payload.topic),
      this.options.topicPrefix,
    );

    await sendToDeadLetter(this.producer, {
      consumerGroup: this.options.groupId,
      deadLetterTopic,
      error,
      message: payload.message,
      partition: payload.partition,
      sourceTopic: payload.topic,
    });
    this.options.logger.warn(
      {
        code: errorCode(error),
        deadLetterTopic,
        offset: payload.message.offset,
        partition: payload.partition,
        reason: (error as Error).message,
        topic: payload.topic,
      },
      'event sent to dead-letter topic',
    );

    return 'dead-lettered';
  }
}
