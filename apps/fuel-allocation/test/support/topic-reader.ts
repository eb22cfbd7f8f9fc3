import { randomUUID } from 'node:crypto';

import type { KafkaMessage } from 'kafkajs';

import { testKafka } from '@bitaqa/testing';

/** A Kafka message with its value parsed as JSON and its headers as text. */
export interface ReadMessage {
  headers: Record<string, string>;
  key: string;
  value: Record<string, unknown>;
}

function toReadMessage(message: KafkaMessage): ReadMessage {
  const headers: Record<string, string> = {};

  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;

    if (first !== undefined) headers[name] = first.toString();
  }

  let value: Record<string, unknown> = {};

  try {
    value = JSON.parse(message.value?.toString() ?? '{}') as Record<string, unknown>;
  } catch {
    value = { raw: message.value?.toString() };
  }

  return { headers, key: message.key?.toString() ?? '', value };
}

/**
 * Reads `topic` from the beginning until `enough` accepts the messages read so far or
 * `timeoutMs` passes. It returns everything read, so a failing assertion shows what arrived.
 */
export async function readUntil(
  topic: string,
  enough: (messages: ReadMessage[]) => boolean,
  timeoutMs = 30_000,
): Promise<ReadMessage[]> {
  const consumer = testKafka('fuel-allocation-test').consumer({
    groupId: `fuel-test-reader-${randomUUID()}`,
  });
  const messages: ReadMessage[] = [];

  await consumer.connect();
  await consumer.subscribe({ fromBeginning: true, topic });

  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);

    void consumer.run({
      eachMessage: async ({ message }) => {
        messages.push(toReadMessage(message));
        if (enough(messages)) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();

  return messages;
}
