import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';

import { serviceTopicSpec } from '@bitaqa/contracts';

import { APP_CONFIG, type AppConfig } from '../../config';
import { KAFKA } from '../../messaging/kafka.token';

/** Creates a service's write topics on the broker with the catalogue's partition policy. */
@Injectable()
export class ServiceTopics {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(KAFKA) private readonly kafka: Kafka,
  ) {}

  /** Returns the broker's name of a topic: the configured prefix, then the topic name. */
  physical(topic: string): string {
    return `${this.config.kafkaTopicPrefix}${topic}`;
  }

  /** Creates the topics that do not exist yet and returns the broker names of all of them. */
  async create(topics: readonly string[]): Promise<string[]> {
    const names = topics.map((topic) => this.physical(topic));

    if (names.length === 0) {
      return names;
    }

    const admin = this.kafka.admin();

    await admin.connect();
    try {
      // kafkajs skips topics that already exist, so a retried step creates only the rest.
      await admin.createTopics({
        topics: topics.map((topic) => {
          const spec = serviceTopicSpec(topic);

          return {
            configEntries: [
              { name: 'cleanup.policy', value: spec.cleanupPolicy },
              { name: 'retention.ms', value: String(spec.retentionMs) },
            ],
            numPartitions: spec.partitions,
            topic: this.physical(topic),
          };
        }),
        waitForLeaders: true,
      });
    } finally {
      await admin.disconnect();
    }

    return names;
  }
}
