import { z } from 'zod';

import { isoDate, nationalNumber } from '@bitaqa/contracts';

export const marriageRequest = z.strictObject({
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
