import { z } from 'zod';

import { isoDate, nationalNumber } from '@bitaqa/contracts';

export const deathRequest = z.strictObject({
  dateOfDeath: isoDate,
  nationalNumber,
});

export type DeathRequest = z.infer<typeof deathRequest>;

export interface DeathResult {
  dateOfDeath: string;
  /** Family books that list the person and were updated. */
  familyIds: string[];
  nationalNumber: string;
  /** `existing` when the same death was registered before. */
  status: 'created' | 'existing';
}
