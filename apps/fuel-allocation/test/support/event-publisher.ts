import type { Producer } from 'kafkajs';
import type { z } from 'zod';

import type { EventDefinition } from '@bitaqa/contracts';
import { createCloudEvent, physicalTopic, toKafkaHeaders } from '@bitaqa/messaging';
import { testKafka } from '@bitaqa/testing';

/** Publishes events to a suite's prefixed topics as the producing services would. */
export class EventPublisher {
  private constructor(
    private readonly producer: Producer,
    private readonly prefix: string,
  ) {}

  static async connect(prefix: string): Promise<EventPublisher> {
    const producer = testKafka('fuel-allocation-test').producer();

    await producer.connect();

    return new EventPublisher(producer, prefix);
  }

  /** Publishes one event and returns its CloudEvents id. */
  async publish<Schema extends z.ZodType>(
    definition: EventDefinition<string, Schema>,
    data: z.infer<Schema>,
  ): Promise<string> {
    const event = createCloudEvent(definition, data, { source: '/fuel-allocation-test' });

    await this.producer.send({
      messages: [
        {
          headers: toKafkaHeaders(event),
          key: definition.key(event.data),
          value: JSON.stringify(event.data),
        },
      ],
      topic: physicalTopic(definition.topic, this.prefix),
    });

    return event.id;
  }

  /** Sends a message as-is, for tests of malformed input. */
  async publishRaw(
    topic: string,
    message: { headers?: Record<string, string>; key: string; value: string },
  ): Promise<void> {
    await this.producer.send({ messages: [message], topic: `${this.prefix}${topic}` });
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }
}
