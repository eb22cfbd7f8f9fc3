import type { StoredDivorce } from '../registry/divorce-store';
import type { NewJournalEntry } from '../registry/journal';
import type { StoredMarriage } from '../registry/marriage-store';

/** Journal entries of deaths: the death itself, then the widowhood of each surviving spouse. */
export function deathEntries(
  deaths: readonly { dateOfDeath: string; nationalNumber: string }[],
  widowed: readonly StoredMarriage[],
): NewJournalEntry[] {
  const diedOn = new Map(deaths.map((death) => [death.nationalNumber, death.dateOfDeath]));
  const entries: NewJournalEntry[] = deaths.map((death) => ({
    effectiveOn: death.dateOfDeath,
    fields: { dateOfDeath: death.dateOfDeath },
    kind: 'death',
    nationalNumber: death.nationalNumber,
    previous: { dateOfDeath: null },
  }));

  for (const marriage of widowed) {
    const endedOn = marriage.endedOn as string;
    const spouses = [marriage.husbandNationalNumber, marriage.wifeNationalNumber];

    for (const spouse of spouses) {
      // A spouse who died on the day the marriage ended was not widowed by it.
      if (diedOn.get(spouse) === endedOn) continue;

      entries.push({
        details: {
          familyId: marriage.familyId,
          marriageId: marriage.id,
          spouseNationalNumber: spouses.find((other) => other !== spouse) as string,
        },
        effectiveOn: endedOn,
        kind: 'widowed',
        nationalNumber: spouse,
      });
    }
  }

  return entries;
}

/** Journal entries of divorces that lapsed because a spouse died, one per spouse. */
export function lapsedEntries(lapsed: readonly StoredDivorce[]): NewJournalEntry[] {
  return lapsed.flatMap((divorce) =>
    [divorce.husbandNationalNumber, divorce.wifeNationalNumber].map((nationalNumber) => ({
      details: { divorceId: divorce.divorceId, marriageId: divorce.marriageId },
      effectiveOn: divorce.lapsedOn as string,
      kind: 'divorce-lapsed' as const,
      nationalNumber,
    })),
  );
}
