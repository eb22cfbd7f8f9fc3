import { randomBytes } from 'node:crypto';

import { Kafka, logLevel } from 'kafkajs';

import { TOPICS } from '@bitaqa/contracts';

import { serviceAddresses } from './service-addresses';

/** Returns a prefix unique to one test suite, so its topics contain only its own events. */
export function uniqueTopicPrefix(label: string): string {
  return `test-${label.replace(/[^a-z0-9]+/gi, '-')}-${randomBytes(3).toString('hex')}.`;
}

export function testKafka(clientId = 'bitaqa-test'): Kafka {
  return new Kafka({
    brokers: serviceAddresses().kafkaBrokers.split(','),
    clientId,
    logLevel: logLevel.NOTHING,
  });
}

/**
 * Creates every catalogue topic, dead-letter topics included, under `prefix`. A busy broker can
 * report a topic it has just created as unknown while it elects leaders, so this tries three times.
 */
export async function createPrefixedTopics(prefix: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await createTopicsOnce(prefix);
    } catch (error) {
      if (attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    }
  }
}

async function createTopicsOnce(prefix: string): Promise<void> {
  const admin = testKafka().admin();

  await admin.connect();
  try {
    await admin.createTopics({
      topics: TOPICS.map((spec) => ({
        configEntries: [{ name: 'cleanup.policy', value: spec.cleanupPolicy }],
        numPartitions: spec.partitions,
        replicationFactor: 1,
        topic: `${prefix}${spec.name}`,
      })),
      waitForLeaders: true,
    });
  } finally {
    await admin.disconnect();
  }
}

/** Deletes the topics made by `createPrefixedTopics`. */
export async function deletePrefixedTopics(prefix: string): Promise<void> {
  const admin = testKafka().admin();

  await admin.connect();
  try {
    await admin.deleteTopics({ topics: TOPICS.map((spec) => `${prefix}${spec.name}`) });
  } finally {
    await admin.disconnect();
  }
}
