import { z } from 'zod';

import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import {
  arabicName,
  familyId,
  governorateCode,
  isoDate,
  isoDateTime,
  latinName,
  nationalNumber,
  positiveInt,
  sex,
} from '../values';

/** Current state of one identity; `version` grows by one per change. */
export const identityUpdatedData = z
  .object({
    birthDate: isoDate,
    familyId: familyId.nullable(),
    familyNameAr: arabicName,
    familyNameLatin: latinName,
    familyRole: z.enum(['child', 'head', 'wife']).nullable(),
    fatherNameAr: arabicName,
    givenNameAr: arabicName,
    givenNameLatin: latinName,
    governorate: governorateCode,
    motherNameAr: arabicName,
    /**
     * Survivor's national number when `status` is `merged`: an operator found this identity to
     * be a duplicate of the survivor. Absent or null otherwise.
     */
    mergedInto: nationalNumber.nullable().optional(),
    nationalNumber,
    sex,
    status: z.enum(['active', 'deceased', 'merged']),
    version: positiveInt,
  })
  .refine(
    (data) =>
      (data.status === 'merged') === (data.mergedInto !== undefined && data.mergedInto !== null),
    { message: 'mergedInto is set exactly when the status is merged', path: ['mergedInto'] },
  );

export const IdentityUpdated = defineEvent({
  key: (data) => data.nationalNumber,
  schema: identityUpdatedData,
  topic: Topics.identityIdentities,
  type: 'sy.gov.identity.identity-updated.v1',
});

/** Syrian mobile number in E.164 form: +963, the mobile prefix 9, then eight digits. */
export const syrianMobileNumber = z
  .string()
  .regex(/^\+9639\d{8}$/, 'Syrian mobile number in E.164 form, such as +963944123456');

/** A mobile number confirmed with a one-time code and bound to an identity. */
export const mobileNumberBoundData = z.object({
  boundAt: isoDateTime,
  mobileNumber: syrianMobileNumber,
  nationalNumber,
});

/**
 * A binding ended: `holder-request` when the holder removed it, `replaced` when the holder
 * confirmed another number.
 */
export const mobileNumberUnboundData = z.object({
  mobileNumber: syrianMobileNumber,
  nationalNumber,
  reason: z.enum(['holder-request', 'replaced']),
  unboundAt: isoDateTime,
});

export const MobileNumberBound = defineEvent({
  key: (data) => data.nationalNumber,
  schema: mobileNumberBoundData,
  topic: Topics.identityIdentities,
  type: 'sy.gov.identity.mobile-bound.v1',
});

export const MobileNumberUnbound = defineEvent({
  key: (data) => data.nationalNumber,
  schema: mobileNumberUnboundData,
  topic: Topics.identityIdentities,
  type: 'sy.gov.identity.mobile-unbound.v1',
});

/**
 * An operator's decision on a suspected duplicate pair. On `merge` the merged identity points at
 * the survivor from then on (its own IdentityUpdated has `status: merged`). On `keep-apart` the
 * pair is recorded as two people and never flagged again.
 */
export const identityDuplicateResolvedData = z
  .object({
    caseId: z.uuid(),
    decision: z.enum(['keep-apart', 'merge']),
    decidedAt: isoDateTime,
    /** Null for keep-apart. */
    mergedNationalNumber: nationalNumber.nullable(),
    /** The pair, in ascending order. */
    nationalNumbers: z.tuple([nationalNumber, nationalNumber]),
    operatorId: z.string().min(1).max(100),
    reason: z.string().min(3).max(500),
    /** Null for keep-apart. */
    survivorNationalNumber: nationalNumber.nullable(),
  })
  .refine(
    (data) =>
      data.decision === 'merge'
        ? data.survivorNationalNumber !== null && data.mergedNationalNumber !== null
        : data.survivorNationalNumber === null && data.mergedNationalNumber === null,
    'a merge names the survivor and the merged identity, a keep-apart names neither',
  );

/**
 * Keyed by the merged identity, or by the pair's first number for a keep-apart, so the decision
 * travels in order with that identity's updates.
 */
export const IdentityDuplicateResolved = defineEvent({
  key: (data) => data.mergedNationalNumber ?? data.nationalNumbers[0],
  schema: identityDuplicateResolvedData,
  topic: Topics.identityIdentities,
  type: 'sy.gov.identity.duplicate-resolved.v1',
});
