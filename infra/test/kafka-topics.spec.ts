import { randomUUID } from 'node:crypto';

import type { Admin } from 'kafkajs';

import { brokersFromEnv, createKafka } from '../scripts/kafka-client';
import { kafkaRoundTrip } from '../scripts/kafka-round-trip';
import { ensureTopics, type TopicSettings } from '../scripts/topic-admin';

// Runs against the broker in KAFKA_BROKERS (infra/up.sh starts one on 127.0.0.1:19092).
const kafka = createKafka('bitaqa-infra-test', brokersFromEnv());
let admin: Admin;
const created: string[] = [];

function uniqueTopics(): TopicSettings[] {
  const prefix = `infra-test-${randomUUID().slice(0, 8)}`;
  const topics: TopicSettings[] = [
    { cleanupPolicy: 'delete', name: `${prefix}.events`, partitions: 3, retentionMs: 3_600_000 },
    { cleanupPolicy: 'compact', name: `${prefix}.state`, partitions: 2 },
  ];

  created.push(...topics.map((topic) => topic.name));

  return topics;
}

beforeAll(async () => {
  admin = kafka.admin();
  await admin.connect();
});

afterAll(async () => {
  await admin.deleteTopics({ topics: created });
  await admin.disconnect();
});

describe('ensureTopics', () => {
  it('creates missing topics with their settings', async () => {
    const topics = uniqueTopics();
    const result = await ensureTopics(admin, topics, 1);
    const metadata = await admin.fetchTopicMetadata({ topics: created.slice(-2) });
    const partitions = metadata.topics.map((topic) => [topic.name, topic.partitions.length]);

    expect(result.created).toEqual(topics.map((topic) => topic.name));
    expect(result.existing).toEqual([]);
    expect(new Map(partitions as [string, number][])).toEqual(
      new Map([
        [topics[0]?.name, 3],
        [topics[1]?.name, 2],
      ]),
    );
  });

  it('leaves existing topics unchanged', async () => {
    const topics = uniqueTopics();

    await ensureTopics(admin, topics, 1);
    const second = await ensureTopics(admin, topics, 1);

    expect(second.created).toEqual([]);
    expect(second.existing).toEqual(topics.map((topic) => topic.name));
    expect(second.drift).toEqual([]);
  });

  it('reports drift without changing the topic', async () => {
    const [events, state] = uniqueTopics() as [TopicSettings, TopicSettings];

    await ensureTopics(admin, [events, state], 1);
    const result = await ensureTopics(
      admin,
      [
        { ...events, partitions: 6, retentionMs: 60_000 },
        { ...state, cleanupPolicy: 'delete' },
      ],
      1,
    );
    const metadata = await admin.fetchTopicMetadata({ topics: [events.name] });

    expect(result.drift).toEqual(
      expect.arrayContaining([
        { actual: '3', expected: '6', setting: 'partitions', topic: events.name },
        { actual: '3600000', expected: '60000', setting: 'retention.ms', topic: events.name },
        { actual: 'compact', expected: 'delete', setting: 'cleanup.policy', topic: state.name },
      ]),
    );
    expect(result.drift).toHaveLength(3);
    expect(metadata.topics[0]?.partitions).toHaveLength(3);
  });
});

describe('kafkaRoundTrip', () => {
  it('produces, consumes and deletes its topic', async () => {
    const result = await kafkaRoundTrip(kafka, 30_000);
    const topics = await admin.listTopics();

    expect(result.topic).toMatch(/^bitaqa\.infra-check-/);
    expect(topics).not.toContain(result.topic);
  });
});
