import { z } from 'zod';

import { IDENTITY_ATTRIBUTES } from '../identity-attributes';

export const serviceId = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{2,62}$/,
    'service id of 3-63 lowercase letters, digits and hyphens, starting with a letter',
  );

/** A purpose an agency states for a lookup, such as `social-benefit-eligibility`. */
export const purposeCode = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{2,63}$/,
    'purpose code of 3-64 lowercase letters, digits and hyphens, starting with a letter',
  );

export const identityAttribute = z.enum(IDENTITY_ATTRIBUTES);

function unique<T>(items: readonly T[]): boolean {
  return new Set(items).size === items.length;
}

export const createAgencyBody = z.strictObject({
  name: z.string().trim().min(2).max(200),
  serviceId,
});

export type CreateAgencyBody = z.infer<typeof createAgencyBody>;

export const policyBody = z.strictObject({
  approvalReference: z.string().trim().min(1).max(200),
  approvedBy: z.string().trim().min(1).max(100),
  attributes: z
    .array(identityAttribute)
    .max(IDENTITY_ATTRIBUTES.length)
    .refine(unique, 'list each attribute once'),
  purposes: z.array(purposeCode).min(1).max(50).refine(unique, 'list each purpose once'),
  requestsPerWindow: z.number().int().min(1).max(1_000_000).nullable().default(null),
});

export type PolicyBody = z.infer<typeof policyBody>;

export const serviceIdParams = z.object({ serviceId });

/** Body of a suspension or reinstatement: the reason, kept with the agency and logged. */
export const statusChangeBody = z.strictObject({
  reason: z.string().trim().min(3).max(500),
});

export type StatusChangeBody = z.infer<typeof statusChangeBody>;
