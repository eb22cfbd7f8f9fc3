/**
 * Creates the Kafka topics of the catalogue in libs/contracts that the brokers in KAFKA_BROKERS
 * lack. Existing topics stay as they are; differences from the catalogue are printed as warnings.
 * Usage: node -r @swc-node/register infra/scripts/create-topics.ts
 * KAFKA_TOPIC_REPLICATION_FACTOR sets the replication factor of new topics (default 1, one broker).
 */
import { TOPICS } from '@bitaqa/contracts';

import { printLine, runMain } from './cli';
import { brokersFromEnv, createKafka } from './kafka-client';
import { InfraError } from './infra-error';
import { ensureTopics, type TopicSettings } from './topic-admin';

const TAG = 'topics';

function replicationFactorFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.KAFKA_TOPIC_REPLICATION_FACTOR ?? '1';
  const value = Number(raw);

  if (!Number.isInteger(value) || value < 1) {
    throw new InfraError(
      'REPLICATION_FACTOR_INVALID',
      `KAFKA_TOPIC_REPLICATION_FACTOR "${raw}" is not a positive integer; use 1 for one broker`,
    );
  }

  return value;
}

function describe(spec: TopicSettings): string {
  const partitions = spec.partitions === 1 ? '1 partition' : `${spec.partitions} partitions`;
  let retention = 'broker default';

  if (spec.retentionMs === -1) {
    retention = 'unlimited';
  } else if (spec.retentionMs !== undefined) {
    retention = `${spec.retentionMs} ms`;
  }

  return `${spec.name} (${partitions}, ${spec.cleanupPolicy}, retention ${retention})`;
}

async function main(): Promise<void> {
  const brokers = brokersFromEnv();
  const replicationFactor = replicationFactorFromEnv();
  const admin = createKafka('bitaqa-infra-topics', brokers).admin();

  await admin.connect();

  try {
    const result = await ensureTopics(admin, TOPICS, replicationFactor);

    for (const spec of TOPICS.filter((entry) => result.created.includes(entry.name))) {
      printLine(TAG, `created ${describe(spec)}`);
    }

    for (const drift of result.drift) {
      printLine(
        TAG,
        `WARNING: ${drift.topic} has ${drift.setting}=${drift.actual}, catalogue says ${drift.expected}; left unchanged`,
      );
    }

    printLine(
      TAG,
      `${result.created.length} created, ${result.existing.length} already present on ${brokers.join(',')}`,
    );
  } finally {
    await admin.disconnect();
  }
}

runMain(TAG, main);
