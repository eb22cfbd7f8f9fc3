import { Topics, type TopicName } from '@bitaqa/contracts';

/** Topic names are `<domain>.<aggregate-plural>`, both lowercase words joined by hyphens. */
export const TOPIC_NAME_PATTERN = /^[a-z][a-z0-9]*\.[a-z][a-z0-9-]*s$/;

/** A domain is one lowercase word, the first part of every topic name the service writes. */
export const TOPIC_DOMAIN_PATTERN = /^[a-z][a-z0-9]{1,30}$/;

/** Domains of the platform's own apps. No agency service may write topics under them. */
export const PLATFORM_DOMAINS: ReadonlySet<string> = new Set(
  Object.values(Topics).map((topic) => topicDomain(topic)),
);

/**
 * Catalogue topics that outside services may read. Civil, identity and fuel topics carry
 * personal data that their ministries share only with the platform's own apps, and the
 * personalization topics carry card jobs, so they stay closed.
 */
export const OPEN_CATALOGUE_TOPICS: ReadonlySet<TopicName> = new Set<TopicName>([
  Topics.authorityCardStatus,
  Topics.authorityServices,
  Topics.fuelPolicies,
]);

const CATALOGUE_TOPICS: ReadonlySet<string> = new Set(Object.values(Topics));

export function isCatalogueTopic(topic: string): topic is TopicName {
  return CATALOGUE_TOPICS.has(topic);
}

export function topicDomain(topic: string): string {
  return topic.split('.', 1)[0] ?? '';
}
