import { z } from 'zod';

import { isoDate, nationalNumber } from '@bitaqa/contracts';

import { courtReference } from '../../registry/validators';

export const marriageRequest = z.strictObject({
  /** Court decision that lets a spouse aged 15 to 17 marry; stored with the marriage. */
  courtDecision: courtReference.optional(),
  date: isoDate,
  husbandNationalNumber: nationalNumber,
  wifeNationalNumber: nationalNumber,
});

export type MarriageRequest = z.infer<typeof marriageRequest>;

export interface MarriageResult {
  /** True when this marriage opened the husband's family book. */
  familyCreated: boolean;
  familyId: string;
  marriageId: string;
  /** `existing` when the same marriage was registered before. */
  status: 'created' | 'existing';
}
