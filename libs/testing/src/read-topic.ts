import { randomUUID } from 'node:crypto';

import type { KafkaMessage } from 'kafkajs';

import { testKafka } from './test-topics';

/**
 * Reads a topic from the beginning until `count` messages arrived or `timeoutMs` passed, and
 * returns what it read. A test asserts on the messages, so a shortfall shows in the assertion.
 */
export async function readTopic(
  topic: string,
  count: number,
  timeoutMs = 20_000,
): Promise<KafkaMessage[]> {
  const consumer = testKafka().consumer({ groupId: `test-reader-${randomUUID()}` });
  const messages: KafkaMessage[] = [];

  await consumer.connect();
  await consumer.subscribe({ fromBeginning: true, topic });

  const done = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);

    void consumer.run({
      eachMessage: async ({ message }) => {
        messages.push(message);
        if (messages.length >= count) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });

  await done;
  await consumer.disconnect();

  return messages;
}
