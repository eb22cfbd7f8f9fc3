import { z } from 'zod';

import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { isoDateTime } from '../values';

/** Service id of an agency's service on the card: a slug such as `health-insurance`. */
export const serviceId = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{2,62}$/,
    'service id of 3-63 lowercase letters, digits and hyphens, starting with a letter',
  );

export const SERVICE_STATUSES = [
  'submitted',
  'rejected',
  'provisioning',
  'active',
  'suspended',
  'revoked',
] as const;

export const serviceStatus = z.enum(SERVICE_STATUSES);

export type ServiceStatus = z.infer<typeof serviceStatus>;

/**
 * A change in the life of an agency's service on the card: its application, the officer's
 * decision, and later suspension, reinstatement or revocation. `reason` is the officer's reason,
 * null on submission.
 */
export const serviceChangeData = z.object({
  agency: z.string().min(2).max(200),
  applicationId: z.uuid(),
  attributes: z.array(z.string().min(1).max(64)).max(64),
  changedAt: isoDateTime,
  name: z.string().min(2).max(200),
  purposeCode: z.string().min(3).max(64),
  readTopics: z.array(z.string().min(3).max(200)).max(50),
  reason: z.string().max(500).nullable(),
  serviceId,
  status: serviceStatus,
  writeTopics: z.array(z.string().min(3).max(200)).max(50),
});

export type ServiceChangeData = z.infer<typeof serviceChangeData>;

function serviceEvent<Type extends string>(type: Type) {
  return defineEvent({
    key: (data: ServiceChangeData) => data.serviceId,
    schema: serviceChangeData,
    topic: Topics.authorityServices,
    type,
  });
}

/** An agency submitted an application for a service, and its technical checks have run. */
export const ServiceApplied = serviceEvent('sy.gov.authority.service-applied.v1');

/**
 * An officer approved the service and its provisioning completed: its credential, topics, ACLs,
 * registry policy and card slot are in place, and it is active.
 */
export const ServiceApproved = serviceEvent('sy.gov.authority.service-approved.v1');

export const ServiceRejected = serviceEvent('sy.gov.authority.service-rejected.v1');

/** An officer suspended the service. Like revocation, it is published when the decision is taken. */
export const ServiceSuspended = serviceEvent('sy.gov.authority.service-suspended.v1');

/** A suspended service is active again, after its access has been restored. */
export const ServiceReinstated = serviceEvent('sy.gov.authority.service-reinstated.v1');

/**
 * An officer revoked the service. Published when the decision is taken, before the revocation
 * removes its credential, ACLs, registry policy and card slot.
 */
export const ServiceRevoked = serviceEvent('sy.gov.authority.service-revoked.v1');
