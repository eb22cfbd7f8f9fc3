import { z } from 'zod';

import { isoDate, nationalNumber, sex } from '@bitaqa/contracts';

import { externalRef, knownPlaceCode, personNameAr } from '../../registry/validators';

export const birthRequest = z.strictObject({
  birthDate: isoDate,
  birthPlace: knownPlaceCode,
  /** Optional caller's id of the child; a repeated request with it registers nothing twice. */
  externalRef: externalRef.optional(),
  fatherNationalNumber: nationalNumber,
  givenNameAr: personNameAr,
  motherNationalNumber: nationalNumber,
  sex,
});

export type BirthRequest = z.infer<typeof birthRequest>;

export interface BirthResult {
  externalRef: string | null;
  familyId: string | null;
  nationalNumber: string;
  /** `existing` when the externalRef was registered before with the same facts. */
  status: 'created' | 'existing';
}
