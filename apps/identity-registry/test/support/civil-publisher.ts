import type { IHeaders, Producer } from 'kafkajs';
import type { z } from 'zod';

import type { EventDefinition } from '@bitaqa/contracts';
import {
  type CloudEvent,
  createCloudEvent,
  physicalTopic,
  toKafkaHeaders,
} from '@bitaqa/messaging';
import { testKafka } from '@bitaqa/testing';

export interface PublishOptions {
  /** Reuse an id to replay an event. */
  id?: string;
  time?: Date;
}

/** Publishes civil events the way civil records does: CloudEvents in Kafka binary mode. */
export class CivilPublisher {
  private readonly producer: Producer = testKafka('identity-registry-test').producer();

  constructor(private readonly topicPrefix: string) {}

  async connect(): Promise<void> {
    await this.producer.connect();
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }

  async publish<Schema extends z.ZodType>(
    definition: EventDefinition<string, Schema>,
    data: z.infer<Schema>,
    options: PublishOptions = {},
  ): Promise<CloudEvent<z.infer<Schema>>> {
    const event = createCloudEvent(definition, data, {
      id: options.id,
      source: '/civil-records',
      time: options.time,
    });

    await this.publishRaw(definition.topic, {
      headers: toKafkaHeaders(event),
      key: definition.key(event.data),
      value: JSON.stringify(event.data),
    });

    return event;
  }

  /** Sends a message as given, for events that the schema would reject. */
  async publishRaw(
    topic: EventDefinition['topic'],
    message: { headers: IHeaders; key: string; value: string },
  ): Promise<void> {
    await this.producer.send({
      acks: -1,
      messages: [message],
      topic: physicalTopic(topic, this.topicPrefix),
    });
  }
}
