import {
  AclOperationTypes,
  AclPermissionTypes,
  AclResourceTypes,
  ResourcePatternTypes,
  type Admin,
  type AclFilter,
} from 'kafkajs';

import {
  bindingKey,
  bindingsOfGrant,
  fromAclEntry,
  sortBindings,
  toAclEntry,
  type KafkaAclBinding,
} from './kafka-acl-binding';
import { KafkaAclError } from './kafka-acl-error';
import { kafkaPrincipal, validateGrant, type KafkaAccessGrant } from './kafka-acl-grant';

/**
 * Grants an agency client READ and DESCRIBE on its read topics and its consumer group prefix,
 * and WRITE and DESCRIBE on its write topics. Creates only the ACLs that are missing, so
 * granting twice changes nothing. Keeps ACLs the client already has. Returns the ACLs it created.
 * The admin client must connect as a principal allowed to alter ACLs (a super user).
 */
export async function grantKafkaAccess(
  admin: Admin,
  grant: KafkaAccessGrant,
): Promise<KafkaAclBinding[]> {
  const valid = validateGrant(grant);
  const principal = kafkaPrincipal(valid.clientId);
  const existing = new Set((await listKafkaAccess(admin, valid.clientId)).map(bindingKey));
  const missing = bindingsOfGrant(valid, principal).filter(
    (binding) => !existing.has(bindingKey(binding)),
  );

  if (missing.length === 0) {
    return [];
  }

  await brokerRequest('create ACLs', principal, () =>
    admin.createAcls({ acl: missing.map(toAclEntry) }),
  );

  return missing;
}

/**
 * Deletes every ACL of an agency client, on any resource, so its token no longer reaches
 * anything. Deleting from a client without ACLs changes nothing. Returns the deleted ACLs.
 */
export async function revokeKafkaAccess(
  admin: Admin,
  clientId: string,
): Promise<KafkaAclBinding[]> {
  const principal = kafkaPrincipal(clientId);
  const response = await brokerRequest('delete ACLs', principal, () =>
    admin.deleteAcls({ filters: [principalFilter(principal)] }),
  );
  const deleted = response.filterResponses.flatMap((filter) => filter.matchingAcls);

  return sortBindings(deleted.map(fromAclEntry));
}

/** Lists every ACL of an agency client, sorted by resource and operation. */
export async function listKafkaAccess(admin: Admin, clientId: string): Promise<KafkaAclBinding[]> {
  const principal = kafkaPrincipal(clientId);
  const response = await brokerRequest('describe ACLs', principal, () =>
    admin.describeAcls(principalFilter(principal)),
  );
  const bindings = response.resources.flatMap((resource) =>
    resource.acls.map((acl) => fromAclEntry({ ...resource, ...acl })),
  );

  return sortBindings(bindings);
}

function principalFilter(principal: string): AclFilter {
  return {
    operation: AclOperationTypes.ANY,
    permissionType: AclPermissionTypes.ANY,
    principal,
    resourcePatternType: ResourcePatternTypes.ANY,
    resourceType: AclResourceTypes.ANY,
  };
}

async function brokerRequest<T>(
  action: string,
  principal: string,
  request: () => Promise<T>,
): Promise<T> {
  try {
    return await request();
  } catch (error) {
    const retriable = (error as { retriable?: unknown }).retriable !== false;
    const reason = error instanceof Error ? error.message : String(error);

    throw new KafkaAclError(
      'KAFKA_ACL_REQUEST_FAILED',
      `Could not ${action} of ${principal}: ${reason}`,
      {
        cause: error,
        retriable,
        value: principal,
      },
    );
  }
}
