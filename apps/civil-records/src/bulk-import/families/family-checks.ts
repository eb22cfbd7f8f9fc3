import type { FamilyState, PersonRecord } from '../../registry/types';
import type { RejectEntry } from '../types';

import type { FamilyColumn, FamilyGroup, MemberLine } from './family-row';

/** Wives a man may have in active marriages at the same time. */
const MAX_ACTIVE_WIVES = 4;

/** Families, memberships and marriages already registered, as one batch's checks need them. */
export interface FamilyContext {
  /** Head's national number to the family they head, stored or accepted in this batch. */
  headOf: Map<string, string>;
  /** Wife's national number to the family of her active marriage. */
  marriedWives: Map<string, string>;
  /** National number to the family the person is a current member of. */
  memberOf: Map<string, string>;
  persons: ReadonlyMap<string, PersonRecord>;
  /** Families already registered under the batch's family ids, with their current members. */
  stored: ReadonlyMap<string, FamilyState>;
  /** Line on which this job took each family id, from earlier batches or this one. */
  takenOnLine: Map<string, number>;
}

export type FamilyDecision =
  { kind: 'accept' } | { kind: 'existing' } | { kind: 'reject'; rejects: RejectEntry[] };

type Problem = RejectEntry;

/**
 * Decides what to do with one family. A family is taken whole or not at all: when one of its
 * lines is at fault, that line gets the reason and every other line gets FAMILY_REJECTED.
 */
export function decideFamily(group: FamilyGroup, context: FamilyContext): FamilyDecision {
  const lineProblems = group.members.flatMap((member) => member.problems);

  if (lineProblems.length > 0) return rejectFamily(group, lineProblems);

  const problem =
    checkStructure(group) ??
    checkRepeat(group, context) ??
    checkMembers(group, context) ??
    checkOtherFamilies(group, context);

  if (problem === 'existing') return { kind: 'existing' };
  if (problem) return rejectFamily(group, [problem]);

  return { kind: 'accept' };
}

/** Returns the head line, of which `decideFamily` has checked there is exactly one. */
export function headLine(group: FamilyGroup): MemberLine {
  return group.members.find((member) => member.role === 'head') as MemberLine;
}

function checkStructure(group: FamilyGroup): Problem | undefined {
  const heads = group.members.filter((member) => member.role === 'head');
  const first = group.members[0] as MemberLine;

  if (heads.length === 0) {
    return problemAt(
      first,
      'role',
      first.role,
      'MISSING_HEAD',
      `family ${group.familyId} has no line with role head`,
    );
  }
  if (heads.length > 1) {
    const second = heads[1] as MemberLine;

    return problemAt(
      second,
      'role',
      second.role,
      'MULTIPLE_HEADS',
      `family ${group.familyId} already has a head on line ${heads[0]?.line}`,
    );
  }

  const seen = new Map<string, number>();

  for (const member of group.members) {
    const earlier = seen.get(member.nationalNumber);

    if (earlier !== undefined) {
      return problemAt(
        member,
        'national_number',
        member.nationalNumber,
        'DUPLICATE_MEMBER',
        `${member.nationalNumber} is already a member of this family on line ${earlier}`,
      );
    }
    seen.set(member.nationalNumber, member.line);
  }

  return undefined;
}

/** A family id taken on another line is a duplicate; a stored one must match to be `existing`. */
function checkRepeat(group: FamilyGroup, context: FamilyContext): Problem | 'existing' | undefined {
  const first = group.members[0] as MemberLine;
  const takenOn = context.takenOnLine.get(group.familyId);

  if (takenOn !== undefined && takenOn !== first.line) {
    return problemAt(
      first,
      'family_id',
      group.familyId,
      'DUPLICATE_IN_FILE',
      `family ${group.familyId} is already on line ${takenOn}`,
    );
  }

  const stored = context.stored.get(group.familyId);

  if (!stored) return undefined;

  const storedKeys = new Set(
    stored.members.map((m) => `${m.nationalNumber}/${m.role}/${m.joinedOn}`),
  );
  const sameMembers =
    stored.members.length === group.members.length &&
    group.members.every((m) => storedKeys.has(`${m.nationalNumber}/${m.role}/${m.joinedOn}`));

  if (stored.headNationalNumber === headLine(group).nationalNumber && sameMembers)
    return 'existing';

  return problemAt(
    first,
    'family_id',
    group.familyId,
    'FAMILY_CONFLICT',
    `family ${group.familyId} is registered with other members`,
  );
}

/** Checks that each member is registered, of the right sex, and joined the book while alive. */
function checkMembers(group: FamilyGroup, context: FamilyContext): Problem | undefined {
  const headNumber = headLine(group).nationalNumber;
  const head = context.persons.get(headNumber);

  for (const member of group.members) {
    const person = context.persons.get(member.nationalNumber);

    if (!person) {
      return problemAt(
        member,
        'national_number',
        member.nationalNumber,
        'UNKNOWN_PERSON',
        `${member.nationalNumber} is not registered; import the person first`,
      );
    }

    const problem = checkMember(member, person, head, headNumber);

    if (problem) return problem;
  }

  return undefined;
}

function checkMember(
  member: MemberLine,
  person: PersonRecord,
  head: PersonRecord | undefined,
  headNumber: string,
): Problem | undefined {
  const expectedSex = { child: undefined, head: 'M', wife: 'F' }[member.role];

  if (expectedSex !== undefined && person.sex !== expectedSex) {
    return problemAt(
      member,
      'role',
      member.role,
      'SEX_MISMATCH',
      `a ${member.role} must have sex ${expectedSex}, ${member.nationalNumber} has ${person.sex}`,
    );
  }
  if (member.joinedOn < person.birthDate) {
    return problemAt(
      member,
      'joined_on',
      member.joinedOn,
      'JOINED_BEFORE_BIRTH',
      `joined_on is before the birth of ${member.nationalNumber} on ${person.birthDate}`,
    );
  }
  if (person.dateOfDeath !== null && member.joinedOn > person.dateOfDeath) {
    return problemAt(
      member,
      'joined_on',
      member.joinedOn,
      'JOINED_AFTER_DEATH',
      `joined_on is after the death of ${member.nationalNumber} on ${person.dateOfDeath}`,
    );
  }
  if (member.role === 'wife' && head?.dateOfDeath && member.joinedOn > head.dateOfDeath) {
    return problemAt(
      member,
      'joined_on',
      member.joinedOn,
      'JOINED_AFTER_DEATH',
      `the marriage date is after the death of the head on ${head.dateOfDeath}`,
    );
  }
  if (
    member.role === 'child' &&
    person.fatherNationalNumber !== null &&
    person.fatherNationalNumber !== headNumber
  ) {
    return problemAt(
      member,
      'national_number',
      member.nationalNumber,
      'CHILD_OF_OTHER_FATHER',
      `${member.nationalNumber} is registered as the child of ${person.fatherNationalNumber}, not of the head`,
    );
  }

  return undefined;
}

/** Checks that no member heads, belongs to or is married into another family book. */
function checkOtherFamilies(group: FamilyGroup, context: FamilyContext): Problem | undefined {
  const head = headLine(group);
  const headsOther = context.headOf.get(head.nationalNumber);
  let activeWives = 0;

  if (headsOther !== undefined) {
    return problemAt(
      head,
      'national_number',
      head.nationalNumber,
      'HEAD_OF_OTHER_FAMILY',
      `${head.nationalNumber} already heads family ${headsOther}`,
    );
  }

  for (const member of group.members) {
    const otherFamily = context.memberOf.get(member.nationalNumber);

    if (otherFamily !== undefined) {
      return problemAt(
        member,
        'national_number',
        member.nationalNumber,
        'MEMBER_OF_OTHER_FAMILY',
        `${member.nationalNumber} is a current member of family ${otherFamily}`,
      );
    }
    if (member.role !== 'wife') continue;

    const marriedIn = context.marriedWives.get(member.nationalNumber);

    if (marriedIn !== undefined) {
      return problemAt(
        member,
        'national_number',
        member.nationalNumber,
        'WIFE_ALREADY_MARRIED',
        `${member.nationalNumber} is in an active marriage in family ${marriedIn}`,
      );
    }
    if (marriageIsActive(context, head.nationalNumber, member.nationalNumber)) activeWives += 1;
    if (activeWives > MAX_ACTIVE_WIVES) {
      return problemAt(
        member,
        'role',
        member.role,
        'TOO_MANY_WIVES',
        `a head may have at most ${MAX_ACTIVE_WIVES} living wives`,
      );
    }
  }

  return undefined;
}

/** Returns true while both spouses live; a death of either widows the marriage. */
export function marriageIsActive(context: FamilyContext, husband: string, wife: string): boolean {
  return (
    context.persons.get(husband)?.dateOfDeath === null &&
    context.persons.get(wife)?.dateOfDeath === null
  );
}

function problemAt(
  member: MemberLine,
  column: FamilyColumn,
  value: string,
  code: string,
  message: string,
): Problem {
  return { code, column, line: member.line, message, value };
}

/** Rejects every line of the family: the faulty lines with their reasons, the rest with FAMILY_REJECTED. */
function rejectFamily(group: FamilyGroup, problems: readonly Problem[]): FamilyDecision {
  const faulty = new Set(problems.map((problem) => problem.line));
  const firstFaulty = Math.min(...faulty);
  const others: RejectEntry[] = group.members
    .filter((member) => !faulty.has(member.line))
    .map((member) => ({
      code: 'FAMILY_REJECTED',
      column: null,
      line: member.line,
      message: `family ${group.familyId} is rejected because of line ${firstFaulty}`,
      value: null,
    }));

  return {
    kind: 'reject',
    rejects: [...problems, ...others].sort((a, b) => a.line - b.line),
  };
}
