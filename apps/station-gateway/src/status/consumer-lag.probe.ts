import type { Admin, Kafka } from 'kafkajs';

import { errorFields, type Logger } from '@bitaqa/observability';

const PROBE_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no response within ${timeoutMs} ms`)), timeoutMs);
  });

  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Measures how many records of the consumed topics the station's consumer group has not
 * committed yet: the sum over partitions of the high watermark minus the committed offset.
 */
export class ConsumerLagProbe {
  private admin: Admin | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly groupId: string,
    private readonly topics: string[],
    private readonly logger: Logger,
  ) {}

  /** Returns the lag in records, or null when the broker does not respond in time. */
  async lag(): Promise<number | null> {
    try {
      return await withTimeout(this.measure(), PROBE_TIMEOUT_MS);
    } catch (error) {
      this.logger.warn({ err: errorFields(error), groupId: this.groupId }, 'consumer lag unknown');
      await this.close();

      return null;
    }
  }

  async close(): Promise<void> {
    const admin = this.admin;

    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }

  private async connectedAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();

      await admin.connect();
      this.admin = admin;
    }

    return this.admin;
  }

  private async measure(): Promise<number> {
    const admin = await this.connectedAdmin();
    const committed = await admin.fetchOffsets({ groupId: this.groupId, topics: this.topics });
    let lag = 0;

    for (const topic of committed) {
      const ends = await admin.fetchTopicOffsets(topic.topic);

      for (const end of ends) {
        const offset = topic.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
        const start = Number(offset) >= 0 ? Number(offset) : Number(end.low);

        lag += Math.max(0, Number(end.high) - start);
      }
    }

    return lag;
  }
}
