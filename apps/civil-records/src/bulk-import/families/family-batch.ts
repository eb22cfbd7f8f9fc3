import { FamilyUpdated, type EventData } from '@bitaqa/contracts';

import type { Tx } from '../../infrastructure/prisma.service';
import { lockFamilies } from '../../registry/family-store';
import { appendJournal } from '../../registry/journal';
import type { PersonRecord } from '../../registry/types';
import { enqueueBulkEvents } from '../bulk-outbox';
import { insertKeys, loadKeyLines } from '../job/job-records';
import { loadPersons } from '../persons/person-queries';
import { maxSerials, raiseSequences } from '../sequence-floor';
import type { RejectEntry } from '../types';

import { decideFamily, headLine, marriageIsActive, type FamilyContext } from './family-checks';
import {
  insertFamilies,
  insertMarriages,
  insertMembers,
  loadHeads,
  loadMarriedWives,
  loadMemberships,
  type ImportedMarriage,
} from './family-queries';
import type { FamilyGroup, MemberLine } from './family-row';
import { widowhoodEntries } from './widowhood-journal';

type FamilyUpdatedData = EventData<typeof FamilyUpdated.type>;

export interface FamilyBatchResult {
  accepted: number;
  events: number;
  existing: number;
}

/**
 * Writes one batch of families inside the caller's transaction. It raises the family-id
 * sequences past the batch's serials and decides each family in file order. Then it inserts the
 * new family books with their members and marriages and enqueues one FamilyUpdated (version 1)
 * for each.
 */
export async function saveFamilyBatch(
  tx: Tx,
  jobId: string,
  groups: readonly FamilyGroup[],
  rejects: RejectEntry[],
): Promise<FamilyBatchResult> {
  await raiseSequences(tx, 'family_id_sequences', maxSerials(groups));

  const context = await loadContext(tx, jobId, groups);
  const fresh: FamilyGroup[] = [];
  const takenKeys: { key: string; line: number }[] = [];

  for (const group of groups) {
    const decision = decideFamily(group, context);

    if (decision.kind === 'reject') {
      rejects.push(...decision.rejects);
      continue;
    }

    const firstLine = (group.members[0] as MemberLine).line;

    context.takenOnLine.set(group.familyId, firstLine);
    takenKeys.push({ key: group.familyId, line: firstLine });
    if (decision.kind === 'accept') {
      claimMembers(group, context);
      fresh.push(group);
    }
  }

  await insertFamilyBooks(tx, fresh, context);
  await insertKeys(tx, jobId, 'families', takenKeys);

  const events = fresh.map((group) => familyUpdatedData(group, context.persons));

  await enqueueBulkEvents(tx, FamilyUpdated, events);

  return {
    accepted: fresh.length,
    events: events.length,
    existing: takenKeys.length - fresh.length,
  };
}

async function loadContext(
  tx: Tx,
  jobId: string,
  groups: readonly FamilyGroup[],
): Promise<FamilyContext> {
  const familyIds = groups.map((group) => group.familyId);
  const numbers = groups.flatMap((group) =>
    group.members.map((member) => member.nationalNumber).filter((nn) => nn !== undefined),
  );

  return {
    headOf: await loadHeads(tx, numbers),
    marriedWives: await loadMarriedWives(tx, numbers),
    memberOf: await loadMemberships(tx, numbers),
    persons: await loadPersons(tx, numbers),
    stored: await lockFamilies(tx, familyIds),
    takenOnLine: await loadKeyLines(tx, jobId, 'families', familyIds),
  };
}

/** Records an accepted family's head, members and wives so later families of the batch see them. */
function claimMembers(group: FamilyGroup, context: FamilyContext): void {
  const head = headLine(group).nationalNumber;

  context.headOf.set(head, group.familyId);
  for (const member of group.members) {
    context.memberOf.set(member.nationalNumber, group.familyId);
    if (member.role === 'wife' && marriageIsActive(context, head, member.nationalNumber)) {
      context.marriedWives.set(member.nationalNumber, group.familyId);
    }
  }
}

async function insertFamilyBooks(
  tx: Tx,
  groups: readonly FamilyGroup[],
  context: FamilyContext,
): Promise<void> {
  await insertFamilies(
    tx,
    groups.map((group) => ({
      familyId: group.familyId,
      governorate: group.governorate,
      headNationalNumber: headLine(group).nationalNumber,
    })),
  );
  await insertMembers(
    tx,
    groups.flatMap((group) =>
      group.members.map((member) => ({
        familyId: group.familyId,
        joinedOn: member.joinedOn,
        nationalNumber: member.nationalNumber,
        role: member.role,
      })),
    ),
  );

  const marriages = groups.flatMap((group) => marriagesOf(group, context.persons));
  const widowedIds = await insertMarriages(tx, marriages);

  await appendJournal(tx, widowhoodEntries(marriages, widowedIds, context.persons));
}

/** Lists one marriage per wife, dated the day she joined the book and widowed by the first death. */
function marriagesOf(
  group: FamilyGroup,
  persons: ReadonlyMap<string, PersonRecord>,
): ImportedMarriage[] {
  const head = headLine(group).nationalNumber;

  return group.members
    .filter((member) => member.role === 'wife')
    .map((wife) => {
      const deaths = [persons.get(head)?.dateOfDeath, persons.get(wife.nationalNumber)?.dateOfDeath]
        .filter((date): date is string => typeof date === 'string')
        .sort();

      return {
        date: wife.joinedOn,
        endedOn: deaths[0] ?? null,
        familyId: group.familyId,
        husbandNationalNumber: head,
        wifeNationalNumber: wife.nationalNumber,
      };
    });
}

const ROLE_ORDER = { child: 2, head: 0, wife: 1 } as const;

/** Builds the family book as FamilyUpdated carries it: head, wives by marriage date, children by birth. */
function familyUpdatedData(
  group: FamilyGroup,
  persons: ReadonlyMap<string, PersonRecord>,
): FamilyUpdatedData {
  const members = group.members
    .map((member) => ({ member, person: persons.get(member.nationalNumber) as PersonRecord }))
    .sort(
      (a, b) =>
        ROLE_ORDER[a.member.role] - ROLE_ORDER[b.member.role] ||
        (a.member.role === 'child' ? a.person.birthDate.localeCompare(b.person.birthDate) : 0) ||
        a.member.joinedOn.localeCompare(b.member.joinedOn),
    );

  return {
    familyId: group.familyId,
    governorate: group.governorate,
    headNationalNumber: headLine(group).nationalNumber,
    members: members.map(({ member, person }) => ({
      alive: person.dateOfDeath === null,
      birthDate: person.birthDate,
      nationalNumber: member.nationalNumber,
      role: member.role,
      sex: person.sex,
    })),
    reason: 'import',
    version: 1,
  };
}
