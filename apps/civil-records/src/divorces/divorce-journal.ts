import type { StoredDivorce } from '../registry/divorce-store';
import type { ChangeKind, NewJournalEntry } from '../registry/journal';
import type { CourtReference } from '../registry/validators';

/** Builds the journal entries of a divorce step, one per spouse. */
export function divorceEntries(
  divorce: StoredDivorce,
  kind: Extract<ChangeKind, 'divorce-filed' | 'divorce-final' | 'divorce-withdrawn'>,
  effectiveOn: string,
  decision: CourtReference | null,
): NewJournalEntry[] {
  const spouses = [divorce.husbandNationalNumber, divorce.wifeNationalNumber];

  return spouses.map((nationalNumber, position) => ({
    decision,
    details: {
      divorceId: divorce.divorceId,
      marriageId: divorce.marriageId,
      spouseNationalNumber: spouses[1 - position] as string,
    },
    effectiveOn,
    kind,
    nationalNumber,
  }));
}
