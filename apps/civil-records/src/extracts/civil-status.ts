import type { MarriageView } from '../persons/dto/person-view.dto';

import type { CivilStatus } from './extract-types';

/**
 * Derives a person's civil status from their marriages. Any active marriage makes them married.
 * Otherwise the marriage that ended last decides: a divorce leaves them divorced, and the death
 * of the spouse leaves them widowed. A marriage ended by the person's own death leaves them
 * married, as the register recorded them at death. No marriage at all means single.
 */
export function civilStatusOf(
  marriages: readonly MarriageView[],
  dateOfDeath: string | null,
): CivilStatus {
  if (marriages.length === 0) return 'single';
  if (marriages.some((marriage) => marriage.status === 'active')) return 'married';

  const lastEnded = [...marriages].sort(byEndThenId).at(-1) as MarriageView;

  if (lastEnded.status === 'divorced') return 'divorced';

  // Both spouses' marriages are marked widowed on the date of either spouse's death.
  return dateOfDeath !== null && lastEnded.endedOn === dateOfDeath ? 'married' : 'widowed';
}

function byEndThenId(a: MarriageView, b: MarriageView): number {
  const byEnd = (a.endedOn ?? a.date).localeCompare(b.endedOn ?? b.date);

  return byEnd !== 0 ? byEnd : Number(BigInt(a.marriageId) - BigInt(b.marriageId));
}
