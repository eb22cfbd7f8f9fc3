import { z } from 'zod';

import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import {
  arabicName,
  familyId,
  governorateCode,
  isoDate,
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
