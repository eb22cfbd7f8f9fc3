import { KafkaAclError } from './kafka-acl-error';

/**
 * Permissions of an agency's client on the broker's SASL listener. The broker names that client
 * `User:<clientId>`, from the `sub` claim of its token.
 */
export interface KafkaAccessGrant {
  clientId: string;
  /**
   * Prefix of the consumer group ids the client may use. Defaults to `<clientId>.`, and must
   * start with it, so an agency never joins a platform group or another agency's group.
   */
  groupPrefix?: string;
  /** Topics the client may consume (READ and DESCRIBE). */
  readTopics: readonly string[];
  /** Topics the client may produce to (WRITE and DESCRIBE). */
  writeTopics: readonly string[];
}

/** A grant after validation, with the group prefix resolved. */
export interface ValidKafkaAccessGrant {
  clientId: string;
  groupPrefix: string;
  readTopics: string[];
  writeTopics: string[];
}

// No dots, because `<clientId>.` separates an agency's group ids from every other client's.
const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

// Kafka's legal topic characters and maximum length. Excludes `*`, which an ACL reads as
// "every topic".
const TOPIC_PATTERN = /^[A-Za-z0-9._-]{1,249}$/;

const GROUP_PREFIX_PATTERN = /^[A-Za-z0-9._-]{1,249}$/;

// The unauthenticated listeners' principal, a super user on the local broker.
const RESERVED_CLIENT_IDS = new Set(['ANONYMOUS']);

/** Returns the broker principal of an agency client, `User:<clientId>`. */
export function kafkaPrincipal(clientId: string): string {
  return `User:${validateClientId(clientId)}`;
}

export function validateClientId(clientId: string): string {
  if (!CLIENT_ID_PATTERN.test(clientId)) {
    throw invalid(
      'KAFKA_ACL_CLIENT_ID_INVALID',
      'clientId',
      clientId,
      'use 1 to 100 letters, digits, "_" or "-"',
    );
  }

  if (RESERVED_CLIENT_IDS.has(clientId)) {
    throw invalid(
      'KAFKA_ACL_CLIENT_ID_RESERVED',
      'clientId',
      clientId,
      "ANONYMOUS is the platform's own principal; choose another client id",
    );
  }

  return clientId;
}

/** Checks every name of the grant and resolves the default group prefix. */
export function validateGrant(grant: KafkaAccessGrant): ValidKafkaAccessGrant {
  const clientId = validateClientId(grant.clientId);
  const groupPrefix = grant.groupPrefix ?? `${clientId}.`;

  if (!GROUP_PREFIX_PATTERN.test(groupPrefix) || !groupPrefix.startsWith(`${clientId}.`)) {
    throw invalid(
      'KAFKA_ACL_GROUP_PREFIX_INVALID',
      'groupPrefix',
      groupPrefix,
      `start it with "${clientId}." and use only letters, digits, ".", "_" or "-"`,
    );
  }

  return {
    clientId,
    groupPrefix,
    readTopics: validateTopics('readTopics', grant.readTopics),
    writeTopics: validateTopics('writeTopics', grant.writeTopics),
  };
}

function validateTopics(field: string, topics: readonly string[]): string[] {
  topics.forEach((topic, index) => {
    if (!TOPIC_PATTERN.test(topic) || topic === '.' || topic === '..') {
      throw invalid(
        'KAFKA_ACL_TOPIC_INVALID',
        `${field}.${index}`,
        topic,
        'name one topic with letters, digits, ".", "_" or "-" (no wildcards)',
      );
    }
  });

  return [...new Set(topics)].sort();
}

function invalid(code: string, field: string, value: string, hint: string): KafkaAclError {
  return new KafkaAclError(code, `${field} "${value}" is invalid: ${hint}`, {
    field,
    retriable: false,
    value,
  });
}
