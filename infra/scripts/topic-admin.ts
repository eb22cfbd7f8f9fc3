import { setTimeout as sleep } from 'node:timers/promises';

import { ConfigResourceTypes, type Admin, type ITopicConfig } from 'kafkajs';

import { InfraError } from './infra-error';

/** Settings of one topic, as the catalogue in libs/contracts declares them. */
export interface TopicSettings {
  cleanupPolicy: 'compact' | 'delete';
  name: string;
  partitions: number;
  /** Milliseconds to keep records; -1 keeps them forever; absent leaves the broker default. */
  retentionMs?: number;
}

/** A difference between the catalogue and a topic that already exists on the broker. */
export interface TopicDrift {
  actual: string;
  expected: string;
  setting: 'cleanup.policy' | 'partitions' | 'retention.ms';
  topic: string;
}

/** The outcome of {@link ensureTopics}. */
export interface EnsureTopicsResult {
  created: string[];
  drift: TopicDrift[];
  existing: string[];
}

// Time for a new topic's partitions to get leaders; a local KRaft broker needs well under a second.
const LEADER_TIMEOUT_MS = 30_000;

// Kafka accepts at most 249 characters from this set in a topic name.
const TOPIC_NAME_PATTERN = /^[A-Za-z0-9._-]{1,249}$/;

/** Rejects a catalogue with invalid names, duplicate names or partition counts. */
export function validateTopicCatalogue(specs: readonly TopicSettings[]): void {
  const seen = new Set<string>();

  for (const spec of specs) {
    if (!TOPIC_NAME_PATTERN.test(spec.name)) {
      throw new InfraError(
        'TOPIC_NAME_INVALID',
        `topic name "${spec.name}" is invalid; use 1 to 249 letters, digits, dots, dashes or underscores`,
      );
    }

    if (seen.has(spec.name)) {
      throw new InfraError(
        'TOPIC_DUPLICATE',
        `topic "${spec.name}" appears twice in the catalogue`,
      );
    }

    if (!Number.isInteger(spec.partitions) || spec.partitions < 1) {
      throw new InfraError(
        'TOPIC_PARTITIONS_INVALID',
        `topic "${spec.name}" has ${spec.partitions} partitions; use a positive integer`,
      );
    }

    seen.add(spec.name);
  }
}

/** Topic-level broker configuration for one catalogue entry. */
export function topicConfigEntries(spec: TopicSettings): { name: string; value: string }[] {
  const entries: { name: string; value: string }[] = [
    { name: 'cleanup.policy', value: spec.cleanupPolicy },
  ];

  if (spec.retentionMs !== undefined) {
    entries.push({ name: 'retention.ms', value: String(spec.retentionMs) });
  }

  return entries;
}

function toTopicConfig(spec: TopicSettings, replicationFactor: number): ITopicConfig {
  return {
    configEntries: topicConfigEntries(spec),
    numPartitions: spec.partitions,
    replicationFactor,
    topic: spec.name,
  };
}

/**
 * Creates the catalogue's topics that the broker lacks and leaves existing topics unchanged,
 * because partitions cannot shrink and adding partitions moves keys to other partitions.
 * Differences between the catalogue and existing topics come back as drift for the caller.
 */
export async function ensureTopics(
  admin: Admin,
  specs: readonly TopicSettings[],
  replicationFactor: number,
): Promise<EnsureTopicsResult> {
  validateTopicCatalogue(specs);

  const present = new Set(await admin.listTopics());
  const missing = specs.filter((spec) => !present.has(spec.name));
  const existing = specs.filter((spec) => present.has(spec.name));

  if (missing.length > 0) {
    await admin.createTopics({
      topics: missing.map((spec) => toTopicConfig(spec, replicationFactor)),
      waitForLeaders: false,
    });
    await waitForLeaders(
      admin,
      missing.map((spec) => spec.name),
      LEADER_TIMEOUT_MS,
    );
  }

  return {
    created: missing.map((spec) => spec.name),
    drift: await findDrift(admin, existing),
    existing: existing.map((spec) => spec.name),
  };
}

/**
 * Waits until every partition of the topics has a leader. kafkajs's own `waitForLeaders` gives
 * up on the UNKNOWN_TOPIC_OR_PARTITION error, which a KRaft broker returns for a topic created a
 * moment earlier until the new metadata reaches it.
 */
export async function waitForLeaders(
  admin: Admin,
  topics: readonly string[],
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;

  while (Date.now() < deadline) {
    try {
      const metadata = await admin.fetchTopicMetadata({ topics: [...topics] });
      const ready = metadata.topics.every(
        (topic) =>
          topic.partitions.length > 0 &&
          topic.partitions.every((partition) => partition.leader >= 0),
      );

      if (ready && metadata.topics.length === topics.length) {
        return;
      }
    } catch (error) {
      lastError = error;
    }

    await sleep(200);
  }

  const reason = lastError instanceof Error ? `: ${lastError.message}` : '';

  throw new InfraError(
    'TOPIC_LEADERS_TIMEOUT',
    `topics ${topics.join(', ')} have no leader for every partition after ${timeoutMs} ms${reason}`,
    { cause: lastError },
  );
}

async function findDrift(admin: Admin, specs: readonly TopicSettings[]): Promise<TopicDrift[]> {
  if (specs.length === 0) {
    return [];
  }

  const names = specs.map((spec) => spec.name);
  const metadata = await admin.fetchTopicMetadata({ topics: names });
  const configs = await admin.describeConfigs({
    includeSynonyms: false,
    resources: names.map((name) => ({
      configNames: ['cleanup.policy', 'retention.ms'],
      name,
      type: ConfigResourceTypes.TOPIC,
    })),
  });

  const drift: TopicDrift[] = [];

  for (const spec of specs) {
    const partitions = metadata.topics.find((topic) => topic.name === spec.name)?.partitions;
    const resource = configs.resources.find((entry) => entry.resourceName === spec.name);
    const actual = new Map(
      resource?.configEntries.map((entry) => [entry.configName, entry.configValue]),
    );

    addDrift(drift, spec.name, 'partitions', String(spec.partitions), String(partitions?.length));

    for (const entry of topicConfigEntries(spec)) {
      const setting = entry.name as TopicDrift['setting'];

      addDrift(drift, spec.name, setting, entry.value, String(actual.get(entry.name)));
    }
  }

  return drift;
}

function addDrift(
  drift: TopicDrift[],
  topic: string,
  setting: TopicDrift['setting'],
  expected: string,
  actual: string,
): void {
  if (expected !== actual) {
    drift.push({ actual, expected, setting, topic });
  }
}
