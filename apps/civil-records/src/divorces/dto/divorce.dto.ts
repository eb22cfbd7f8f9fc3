import { z } from 'zod';

import { isoDate, nationalNumber } from '@bitaqa/contracts';

import type { StoredDivorce } from '../../registry/divorce-store';
import { courtReference, rowId } from '../../registry/validators';

/** Files a divorce of a married couple; `filing` is the court case and its filing date. */
export const divorceFiling = z.strictObject({
  filing: courtReference,
  husbandNationalNumber: nationalNumber,
  wifeNationalNumber: nationalNumber,
});

export type DivorceFiling = z.infer<typeof divorceFiling>;

/** Makes a pending divorce final; the marriage ends on the decision's date. */
export const divorceFinalization = z.strictObject({ decision: courtReference });

export type DivorceFinalization = z.infer<typeof divorceFinalization>;

export const divorceWithdrawal = z.strictObject({ withdrawnOn: isoDate });

export type DivorceWithdrawal = z.infer<typeof divorceWithdrawal>;

export const divorceIdParams = z.object({ divorceId: rowId });

export type DivorceView = StoredDivorce;

export interface DivorceResult extends DivorceView {
  /** Family books a final divorce changed; empty for the other steps. */
  familyIds: string[];
  /** `existing` when the same step was recorded before and nothing changed. */
  outcome: 'applied' | 'existing';
}
