import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  type AclEntry,
} from 'kafkajs';

import type { ValidKafkaAccessGrant } from './kafka-acl-grant';

/** One ACL of a principal, with Kafka's names for the enums (`TOPIC`, `PREFIXED`, `READ`). */
export interface KafkaAclBinding {
  host: string;
  operation: keyof typeof AclOperationTypes;
  patternType: keyof typeof ResourcePatternTypes;
  permission: keyof typeof AclPermissionTypes;
  principal: string;
  resourceName: string;
  resourceType: keyof typeof AclResourceTypes;
}

// Any host, because the token identifies an agency client and its address does not.
const ANY_HOST = '*';

/** Builds the ALLOW bindings of a grant, sorted and without duplicates. */
export function bindingsOfGrant(
  grant: ValidKafkaAccessGrant,
  principal: string,
): KafkaAclBinding[] {
  const allow = (
    resourceType: KafkaAclBinding['resourceType'],
    patternType: KafkaAclBinding['patternType'],
    resourceName: string,
    operation: KafkaAclBinding['operation'],
  ): KafkaAclBinding => ({
    host: ANY_HOST,
    operation,
    patternType,
    permission: 'ALLOW',
    principal,
    resourceName,
    resourceType,
  });

  const bindings = [
    ...grant.readTopics.flatMap((topic) => [
      allow('TOPIC', 'LITERAL', topic, 'READ'),
      allow('TOPIC', 'LITERAL', topic, 'DESCRIBE'),
    ]),
    ...grant.writeTopics.flatMap((topic) => [
      allow('TOPIC', 'LITERAL', topic, 'WRITE'),
      allow('TOPIC', 'LITERAL', topic, 'DESCRIBE'),
    ]),
  ];

  if (grant.readTopics.length > 0) {
    bindings.push(allow('GROUP', 'PREFIXED', grant.groupPrefix, 'READ'));
    bindings.push(allow('GROUP', 'PREFIXED', grant.groupPrefix, 'DESCRIBE'));
  }

  return sortBindings(uniqueBindings(bindings));
}

export function toAclEntry(binding: KafkaAclBinding): AclEntry {
  return {
    host: binding.host,
    operation: AclOperationTypes[binding.operation],
    permissionType: AclPermissionTypes[binding.permission],
    principal: binding.principal,
    resourceName: binding.resourceName,
    resourcePatternType: ResourcePatternTypes[binding.patternType],
    resourceType: AclResourceTypes[binding.resourceType],
  };
}

export function fromAclEntry(entry: AclEntry): KafkaAclBinding {
  return {
    host: entry.host,
    operation: nameOf(AclOperationTypes, entry.operation),
    patternType: nameOf(ResourcePatternTypes, entry.resourcePatternType),
    permission: nameOf(AclPermissionTypes, entry.permissionType),
    principal: entry.principal,
    resourceName: entry.resourceName,
    resourceType: nameOf(AclResourceTypes, entry.resourceType),
  };
}

export function bindingKey(binding: KafkaAclBinding): string {
  return [
    binding.resourceType,
    binding.patternType,
    binding.resourceName,
    binding.principal,
    binding.host,
    binding.operation,
    binding.permission,
  ].join('\u0000');
}

export function sortBindings(bindings: KafkaAclBinding[]): KafkaAclBinding[] {
  const keyed = bindings.map((binding) => ({ binding, key: bindingKey(binding) }));

  keyed.sort((a, b) => compareText(a.key, b.key));

  return keyed.map(({ binding }) => binding);
}

// Compares by UTF-16 code units, so the order does not depend on the locale.
function compareText(a: string, b: string): number {
  if (a === b) return 0;

  return a < b ? -1 : 1;
}

function uniqueBindings(bindings: KafkaAclBinding[]): KafkaAclBinding[] {
  return [...new Map(bindings.map((binding) => [bindingKey(binding), binding])).values()];
}

// kafkajs exports these enums as plain objects at run time, without TypeScript's reverse
// mapping from number to name, so the name is looked up here.
function nameOf<E extends Record<string, string | number>>(
  enumObject: E,
  value: number,
): keyof E & string {
  const entry = Object.entries(enumObject).find(([, candidate]) => candidate === value);

  return (entry?.[0] ?? 'UNKNOWN') as keyof E & string;
}
