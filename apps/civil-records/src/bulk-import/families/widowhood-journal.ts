import type { NewJournalEntry } from '../../registry/journal';
import type { PersonRecord } from '../../registry/types';

import type { ImportedMarriage } from './family-queries';

/**
 * Builds the `widowed` journal entries of imported marriages that a death had already ended:
 * one per spouse who outlived the marriage. The insert triggers of persons and marriages journal
 * the import, the death and the marriage, but the widowhood is left to the application, as when
 * a death is registered.
 */
export function widowhoodEntries(
  marriages: readonly ImportedMarriage[],
  widowedIds: ReadonlyMap<string, string>,
  persons: ReadonlyMap<string, PersonRecord>,
): NewJournalEntry[] {
  const entries: NewJournalEntry[] = [];

  for (const marriage of marriages) {
    if (marriage.endedOn === null) continue;

    const spouses = [marriage.husbandNationalNumber, marriage.wifeNationalNumber];

    for (const spouse of spouses) {
      // A spouse who died on the day the marriage ended was not widowed by it.
      if (persons.get(spouse)?.dateOfDeath === marriage.endedOn) continue;

      entries.push({
        details: {
          familyId: marriage.familyId,
          marriageId: widowedIds.get(marriage.wifeNationalNumber) as string,
          spouseNationalNumber: spouses.find((other) => other !== spouse) as string,
        },
        effectiveOn: marriage.endedOn,
        kind: 'widowed',
        nationalNumber: spouse,
      });
    }
  }

  return entries;
}
