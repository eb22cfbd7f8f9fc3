import { NotFoundError } from '@bitaqa/http';

import { bornRecordAsOf, endAsOf } from '../registry/as-of';
import type { JournalEntry } from '../registry/journal';

import type { FamilyMemberView, FamilyView } from './family-view';

/**
 * Turns the current book into the book as it stood on `asOf`. It lists the members who had
 * joined and been born by then, with names, birth date and alive as their record stood, and
 * leaves out departures after `asOf`. Fails with FAMILY_NOT_OPENED before the head's first
 * marriage.
 */
export function familyAsOf(
  current: FamilyView,
  journals: ReadonlyMap<string, JournalEntry[]>,
  asOf: string,
): FamilyView {
  // A stable sort by join date keeps the current view's order, which is the order of joining.
  const everyone = [...current.members, ...current.formerMembers].sort((a, b) =>
    a.joinedOn.localeCompare(b.joinedOn),
  );
  const head = everyone.find((member) => member.role === 'head');

  if (head === undefined || head.joinedOn > asOf) {
    throw new NotFoundError(
      'FAMILY_NOT_OPENED',
      `family book ${current.familyId} was not open on ${asOf}`,
      {
        field: 'asOf',
        hint: head ? `the book was opened on ${head.joinedOn}` : undefined,
        value: asOf,
      },
    );
  }

  const listed = everyone.flatMap((member): FamilyMemberView[] => {
    const record = bornRecordAsOf(journals.get(member.nationalNumber) ?? [], asOf);

    if (member.joinedOn > asOf || record === undefined) return [];

    return [
      {
        ...member,
        alive: record.dateOfDeath === null,
        birthDate: record.birthDate,
        familyNameAr: record.familyNameAr,
        givenNameAr: record.givenNameAr,
        leftOn: endAsOf(member.leftOn, asOf),
      },
    ];
  });

  return {
    ...current,
    asOf,
    formerMembers: listed.filter((member) => member.leftOn !== null),
    members: listed.filter((member) => member.leftOn === null),
  };
}
