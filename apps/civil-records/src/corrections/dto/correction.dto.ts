import { z } from 'zod';

import { isoDate, nationalNumber } from '@bitaqa/contracts';

import type { StoredCorrection } from '../../registry/correction-store';
import { courtReference, knownPlaceCode, personNameAr, rowId } from '../../registry/validators';

/** New values a court orders for a person's record; the date of death only for the deceased. */
export const correctionChanges = z
  .strictObject({
    birthDate: isoDate.optional(),
    birthPlace: knownPlaceCode.optional(),
    dateOfDeath: isoDate.optional(),
    familyNameAr: personNameAr.optional(),
    fatherNameAr: personNameAr.optional(),
    givenNameAr: personNameAr.optional(),
    grandfatherNameAr: personNameAr.optional(),
    motherNameAr: personNameAr.optional(),
  })
  .refine((changes) => Object.keys(changes).length > 0, 'name at least one field to correct');

export type CorrectionChanges = z.infer<typeof correctionChanges>;

export type CorrectableField = keyof CorrectionChanges;

export const correctionRequest = z.strictObject({
  changes: correctionChanges,
  decision: courtReference,
  nationalNumber,
});

export type CorrectionRequest = z.infer<typeof correctionRequest>;

export const correctionIdParams = z.object({ correctionId: rowId });

export type CorrectionView = StoredCorrection;

export interface CorrectionResult extends CorrectionView {
  /** Family books whose snapshot changed, because they list the person's birth date. */
  familyIds: string[];
  /** `existing` when the same decision was applied to the person before. */
  status: 'created' | 'existing';
}
