import { setTimeout as sleep } from 'node:timers/promises';

import type { Kafka, Message, Producer } from 'kafkajs';

import type { TopicName } from '@bitaqa/contracts';
import { physicalTopic } from '@bitaqa/messaging';
import { errorFields, type Logger } from '@bitaqa/observability';

import type { StationDatabase } from '../sqlite/station-database';

interface OutboxRow {
  event_id: string;
  headers: string;
  id: number;
  message_key: string;
  payload: string;
  topic: TopicName;
}

export interface StationOutboxRelayOptions {
  /** Rows sent per Kafka batch. */
  batchSize?: number;
  database: StationDatabase;
  kafka: Kafka;
  logger: Logger;
  /** Pause between polls when the outbox is empty, in milliseconds. */
  pollIntervalMs: number;
  topicPrefix: string;
}

const MAX_BACKOFF_MS = 30_000;

/**
 * Sends the station's committed outbox rows to Kafka in id order and marks them sent after the
 * broker acknowledged them on all in-sync replicas. A station offline keeps its rows and sends
 * them when the broker is reachable again; a crash between send and mark sends a row twice, and
 * consumers drop the duplicate by its event id.
 */
export class StationOutboxRelay {
  private readonly batchSize: number;
  private producer: Producer | undefined;
  private running: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly options: StationOutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 100;
  }

  /** Starts the loop in the background; it connects, and reconnects, on its own. */
  start(): void {
    this.running = this.loop();
  }

  /** Stops within `timeoutMs`, because kafkajs may retry a send for minutes while offline. */
  async stop(timeoutMs = 5_000): Promise<void> {
    this.stopping = true;
    await Promise.race([this.running, sleep(timeoutMs, undefined, { ref: false })]);
    await this.producer?.disconnect().catch(() => undefined);
  }

  /** Sends one batch; returns how many rows were sent. */
  async sendBatch(): Promise<number> {
    const rows = this.options.database.query<OutboxRow>(
      'SELECT * FROM outbox_events WHERE sent_at IS NULL ORDER BY id LIMIT $1',
      this.batchSize,
    );

    if (rows.length === 0) return 0;

    await (
      await this.connectedProducer()
    ).sendBatch({
      acks: -1,
      topicMessages: this.byTopic(rows),
    });
    await this.options.database.transaction(async (tx) => {
      for (const row of rows) {
        await tx.$executeRawUnsafe(
          'UPDATE outbox_events SET sent_at = $2, attempts = attempts + 1 WHERE id = $1',
          row.id,
          new Date(),
        );
      }
    });

    return rows.length;
  }

  private async loop(): Promise<void> {
    let failures = 0;

    while (!this.stopping) {
      try {
        const sent = await this.sendBatch();

        failures = 0;
        if (sent < this.batchSize) await sleep(this.options.pollIntervalMs);
      } catch (error) {
        failures += 1;

        const backoffMs = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(failures, 10));

        this.options.logger.warn(
          { backoffMs, err: errorFields(error), failures },
          'station outbox batch failed, retrying',
        );
        await sleep(backoffMs);
      }
    }
  }

  private async connectedProducer(): Promise<Producer> {
    if (this.producer === undefined) {
      const producer = this.options.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });

      await producer.connect();
      this.producer = producer;
    }

    return this.producer;
  }

  private byTopic(rows: OutboxRow[]): { messages: Message[]; topic: string }[] {
    const topics = new Map<string, Message[]>();

    for (const row of rows) {
      const topic = physicalTopic(row.topic, this.options.topicPrefix);
      const messages = topics.get(topic) ?? [];

      messages.push({
        headers: JSON.parse(row.headers) as Record<string, string>,
        key: row.message_key,
        value: row.payload,
      });
      topics.set(topic, messages);
    }

    return [...topics].map(([topic, messages]) => ({ messages, topic }));
  }
}
