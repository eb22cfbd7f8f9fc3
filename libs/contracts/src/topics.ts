/**
 * Kafka topic catalogue. Infra creates topics from this list; apps name topics only through
 * `TopicName`. Partition counts fit a two-core broker: three partitions keep one consumer per
 * core busy with room for a second instance, and one aggregate's events stay ordered by key.
 */
export interface TopicSpec {
  cleanupPolicy: 'compact' | 'delete';
  name: string;
  partitions: number;
  /** Milliseconds to keep records on a `delete` topic; -1 keeps them forever. */
  retentionMs: number;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
const FOREVER = -1;

const domainTopics = {
  authorityCardStatus: 'authority.card-status',
  authorityCards: 'authority.cards',
  authorityKeyVersions: 'authority.key-versions',
  authorityPersonalizationRequests: 'authority.personalization-requests',
  authorityServices: 'authority.services',
  civilFamilies: 'civil.families',
  civilPersons: 'civil.persons',
  fuelEntitlements: 'fuel.entitlements',
  fuelPolicies: 'fuel.policies',
  fuelRedemptions: 'fuel.redemptions',
  fuelTurns: 'fuel.turns',
  identityIdentities: 'identity.identities',
  readerPersonalizationResults: 'reader.personalization-results',
  stationCardFlags: 'station.card-flags',
} as const;

export const Topics = domainTopics;

export type TopicName = (typeof domainTopics)[keyof typeof domainTopics];

/** Topics whose latest record per key is the current state (the station cache rebuilds from them). */
const compactedTopics: ReadonlySet<TopicName> = new Set<TopicName>([
  Topics.authorityCardStatus,
  Topics.authorityKeyVersions,
  Topics.fuelPolicies,
]);

/** The dead-letter topic for a consumed topic. */
export function deadLetterTopic(topic: TopicName): string {
  return `${topic}.dlq`;
}

function specFor(name: TopicName): TopicSpec {
  const compacted = compactedTopics.has(name);

  return {
    cleanupPolicy: compacted ? 'compact' : 'delete',
    name,
    partitions: 3,
    retentionMs: compacted ? FOREVER : 4 * WEEK_MS,
  };
}

function deadLetterSpecFor(name: TopicName): TopicSpec {
  return {
    cleanupPolicy: 'delete',
    name: deadLetterTopic(name),
    partitions: 1,
    retentionMs: FOREVER,
  };
}

/**
 * Settings of a topic that an onboarded agency service writes, such as `health.claims`. It follows
 * the catalogue's policy for event topics: three partitions, records kept for four weeks.
 */
export function serviceTopicSpec(name: string): TopicSpec {
  return { cleanupPolicy: 'delete', name, partitions: 3, retentionMs: 4 * WEEK_MS };
}

const allNames = Object.values(domainTopics) as TopicName[];

/** Every topic with its settings, dead-letter topics included. */
export const TOPICS: readonly TopicSpec[] = [
  ...allNames.map(specFor),
  ...allNames.map(deadLetterSpecFor),
];
