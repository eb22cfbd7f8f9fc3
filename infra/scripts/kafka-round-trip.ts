import { randomUUID } from 'node:crypto';

import type { Kafka } from 'kafkajs';

import { InfraError } from './infra-error';
import { waitForLeaders } from './topic-admin';

/** The outcome of one produce-and-consume check. */
export interface RoundTripResult {
  elapsedMs: number;
  topic: string;
}

/**
 * Produces one message on a new single-partition topic, consumes it with a new consumer group,
 * then deletes the topic and the group. Proves that the broker accepts writes and serves
 * group-managed reads, which listing topics alone does not.
 */
export async function kafkaRoundTrip(kafka: Kafka, timeoutMs: number): Promise<RoundTripResult> {
  const id = randomUUID().slice(0, 8);
  const topic = `bitaqa.infra-check-${id}`;
  const groupId = `bitaqa-infra-check-${id}`;
  const admin = kafka.admin();
  const started = Date.now();

  await admin.connect();

  try {
    await admin.createTopics({
      topics: [{ numPartitions: 1, replicationFactor: 1, topic }],
      waitForLeaders: false,
    });
    await waitForLeaders(admin, [topic], timeoutMs);
    await produceAndConsume(kafka, topic, groupId, `check ${id}`, timeoutMs);

    return { elapsedMs: Date.now() - started, topic };
  } finally {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

async function produceAndConsume(
  kafka: Kafka,
  topic: string,
  groupId: string,
  value: string,
  timeoutMs: number,
): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  const consumer = kafka.consumer({ groupId });

  await producer.connect();
  await consumer.connect();

  try {
    await producer.send({ messages: [{ key: 'check', value }], topic });
    await consumer.subscribe({ fromBeginning: true, topics: [topic] });
    await waitForValue(consumer, topic, value, timeoutMs);
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
  }
}

function waitForValue(
  consumer: ReturnType<Kafka['consumer']>,
  topic: string,
  value: string,
  timeoutMs: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(
        new InfraError(
          'KAFKA_ROUND_TRIP_TIMEOUT',
          `no message came back from topic ${topic} within ${timeoutMs} ms`,
        ),
      );
    }, timeoutMs);

    consumer
      .run({
        eachMessage: async ({ message }) => {
          if (message.value?.toString() === value) {
            clearTimeout(timer);
            resolve();
          }
        },
      })
      .catch((error: unknown) => {
        clearTimeout(timer);
        reject(error);
      });
  });
}
