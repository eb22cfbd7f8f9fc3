import { setTimeout as sleep } from 'node:timers/promises';

import { CompressionTypes, type Kafka, type Message, type Producer } from 'kafkajs';
import { Pool, type PoolClient } from 'pg';

import type { TopicName } from '@bitaqa/contracts';
import { errorFields, type Logger } from '@bitaqa/observability';

import { physicalTopic } from './topic-names';

export interface OutboxRelayOptions {
  /** Rows sent per Kafka batch. */
  batchSize?: number;
  databaseUrl: string;
  kafka: Kafka;
  logger: Logger;
  /** Wait between polls when the outbox is empty, in milliseconds. */
  pollIntervalMs?: number;
  topicPrefix?: string;
}

interface OutboxRow {
  event_id: string;
  headers: Record<string, string>;
  id: string;
  message_key: string;
  payload: unknown;
  topic: TopicName;
}

const SELECT_BATCH = `
SELECT id, event_id, topic, message_key, payload, headers
FROM outbox_events WHERE sent_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`;

// One relay per database sends at a time, so events leave in commit order per aggregate key.
const RELAY_LOCK_KEY = 5270177;

const MAX_BACKOFF_MS = 10_000;

/**
 * Publishes committed outbox rows to Kafka and marks them sent. A row is marked only after the
 * broker acknowledged it on all in-sync replicas, so a crash in between sends it again. Consumers
 * drop the duplicate by its event id.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly pool: Pool;
  private producer: Producer | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private started = false;
  private stopping = false;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 100;
    this.pool = new Pool({ connectionString: options.databaseUrl, max: 2 });
    // An idle connection closed by the server must not crash the process; the next batch reconnects.
    this.pool.on('error', (error) =>
      options.logger.warn({ err: errorFields(error) }, 'outbox relay connection lost'),
    );
  }

  async start(): Promise<void> {
    this.producer = this.options.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await this.producer.connect();
    // A stop requested while the producer connected wins.
    if (this.stopping) return this.producer.disconnect();

    this.started = true;
    this.running = this.loop();
    this.options.logger.info({ batchSize: this.batchSize }, 'outbox relay started');
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.retryTimer);
    await this.running;
    await this.producer?.disconnect();
    await this.pool.end();
    this.options.logger.info({}, 'outbox relay stopped');
  }

  /**
   * Starts in the background and retries every `retryMs` until the broker is reachable, so an
   * app serves requests while Kafka is down. Events wait in the outbox meanwhile.
   */
  startInBackground(retryMs = 5_000): void {
    this.start().catch((error: unknown) => {
      this.options.logger.warn(
        { err: errorFields(error), retryMs },
        'outbox relay start failed, retrying',
      );
      if (this.stopping) return;

      this.retryTimer = setTimeout(() => this.startInBackground(retryMs), retryMs);
    });
  }

  /**
   * Stops like `stop()` but waits at most `timeoutMs`, because kafkajs may retry the current
   * batch for minutes while the broker is down. Unsent rows stay in the outbox for the next start.
   */
  async stopWithin(timeoutMs = 10_000): Promise<void> {
    this.stopping = true;
    clearTimeout(this.retryTimer);
    if (!this.started) return;

    const stopped = await Promise.race([
      this.stop().then(() => true),
      sleep(timeoutMs, false, { ref: false }),
    ]);

    if (!stopped) this.options.logger.warn({ timeoutMs }, 'outbox relay did not stop in time');
  }

  /** Sends one batch; returns how many rows were sent. Tests and tools call it directly. */
  async sendBatch(): Promise<number> {
    const client = await this.pool.connect();

    try {
      return await this.sendBatchWith(client);
    } finally {
      client.release();
    }
  }

  private async loop(): Promise<void> {
    let failures = 0;

    while (!this.stopping) {
      try {
        const sent = await this.sendBatch();

        failures = 0;
        if (sent < this.batchSize) await sleep(this.pollIntervalMs);
      } catch (error) {
        failures += 1;
        const backoffMs = Math.min(MAX_BACKOFF_MS, 200 * 2 ** Math.min(failures, 10));

        this.options.logger.warn(
          { backoffMs, err: errorFields(error), failures },
          'outbox relay batch failed, retrying',
        );
        await sleep(backoffMs);
      }
    }
  }

  private async sendBatchWith(client: PoolClient): Promise<number> {
    await client.query('BEGIN');
    try {
      const locked = await client.query<{ ok: boolean }>(
        'SELECT pg_try_advisory_xact_lock($1) AS ok',
        [RELAY_LOCK_KEY],
      );

      if (!locked.rows[0]?.ok) {
        await client.query('ROLLBACK');

        return 0;
      }

      const rows = (await client.query<OutboxRow>(SELECT_BATCH, [this.batchSize])).rows;

      if (rows.length > 0) {
        await this.publish(rows);
        await client.query(
          'UPDATE outbox_events SET sent_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])',
          [rows.map((row) => row.id)],
        );
      }
      await client.query('COMMIT');

      return rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  private async publish(rows: OutboxRow[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();

    for (const row of rows) {
      const topic = physicalTopic(row.topic, this.options.topicPrefix);
      const messages = byTopic.get(topic) ?? [];

      messages.push({
        headers: row.headers,
        key: row.message_key,
        value: JSON.stringify(row.payload),
      });
      byTopic.set(topic, messages);
    }

    if (!this.producer) throw new Error('outbox relay is not started; call start() first');

    await this.producer.sendBatch({
      acks: -1,
      compression: CompressionTypes.None,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ messages, topic })),
    });
  }
}
