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
export const identityUpdatedData = z.object({
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
  nationalNumber,
  sex,
  status: z.enum(['active', 'deceased']),
  version: positiveInt,
});

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
