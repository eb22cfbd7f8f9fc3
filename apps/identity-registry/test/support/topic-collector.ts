import { randomUUID } from 'node:crypto';

import type { Consumer, KafkaMessage } from 'kafkajs';

import { headerText } from '@bitaqa/messaging';
import { testKafka, waitFor } from '@bitaqa/testing';

/** Collects every message of some topics from the beginning, for tests to wait on. */
export class TopicCollector {
  readonly messages: Array<KafkaMessage & { topic: string }> = [];
  private readonly consumer: Consumer = testKafka().consumer({
    groupId: `identity-registry-test-${randomUUID()}`,
  });

  constructor(private readonly topics: string[]) {}

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ fromBeginning: true, topics: this.topics });
    await this.consumer.run({
      eachMessage: async ({ message, topic }) => {
        this.messages.push({ ...message, topic });
      },
    });
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }

  /** Waits for the message whose `ce_id` header is `eventId`. */
  async waitForEvent(eventId: string): Promise<KafkaMessage & { topic: string }> {
    return waitFor(`message with ce_id ${eventId}`, () =>
      this.messages.find((message) => headerText(message.headers, 'ce_id') === eventId),
    );
  }
}
