import type { FamilyMemberView, FamilyView } from '../families/family-view';
import type { PersonView } from '../persons/dto/person-view.dto';

import type {
  DocumentBody,
  FamilySheet,
  SheetChild,
  SheetFormerMember,
  SheetPerson,
  SheetWife,
} from './extract-types';
import { nameChainOf, placeNameOf } from './person-facts';

/** Reads one person from the map that the caller loaded for this family. */
function personIn(people: ReadonlyMap<string, PersonView>, nationalNumber: string): PersonView {
  const person = people.get(nationalNumber);

  if (!person) throw new Error(`person ${nationalNumber} of the family book was not loaded`);

  return person;
}

function sheetPersonOf(person: PersonView): SheetPerson {
  return {
    alive: person.dateOfDeath === null,
    birthDate: person.birthDate,
    dateOfDeath: person.dateOfDeath,
    name: nameChainOf(person),
    nationalNumber: person.nationalNumber,
    sex: person.sex,
  };
}

function wivesOf(
  family: FamilyView,
  head: PersonView,
  people: ReadonlyMap<string, PersonView>,
): SheetWife[] {
  const marriages = head.marriages
    .filter((marriage) => marriage.familyId === family.familyId)
    .sort(
      (a, b) => a.date.localeCompare(b.date) || Number(BigInt(a.marriageId) - BigInt(b.marriageId)),
    );

  return marriages.map((marriage) => ({
    ...sheetPersonOf(personIn(people, marriage.wifeNationalNumber)),
    marriageDate: marriage.date,
    marriageEndedOn: marriage.endedOn,
    marriageStatus: marriage.status,
  }));
}

function childOf(member: FamilyMemberView, people: ReadonlyMap<string, PersonView>): SheetChild {
  const child = personIn(people, member.nationalNumber);

  return {
    ...sheetPersonOf(child),
    motherName: child.motherNameAr,
    motherNationalNumber: child.motherNationalNumber,
  };
}

function formerMemberOf(
  member: FamilyMemberView,
  people: ReadonlyMap<string, PersonView>,
): SheetFormerMember {
  return {
    ...sheetPersonOf(personIn(people, member.nationalNumber)),
    joinedOn: member.joinedOn,
    leftOn: member.leftOn ?? '',
    role: member.role,
  };
}

/** National numbers of everyone a family sheet names: members, former members and wives. */
export function peopleOfFamily(family: FamilyView, head: PersonView): string[] {
  const numbers = [
    family.headNationalNumber,
    ...family.members.map((member) => member.nationalNumber),
    ...family.formerMembers.map((member) => member.nationalNumber),
    ...head.marriages
      .filter((marriage) => marriage.familyId === family.familyId)
      .map((marriage) => marriage.wifeNationalNumber),
  ];

  return [...new Set(numbers)];
}

/**
 * Builds the body of a family sheet from the family book and every person it names, keyed by
 * national number. Children are the current members listed as children, in the order they
 * joined. Anyone who moved to another book is a former member.
 */
export function buildFamilySheet(
  family: FamilyView,
  people: ReadonlyMap<string, PersonView>,
): DocumentBody<FamilySheet> {
  const head = personIn(people, family.headNationalNumber);

  return {
    family: {
      children: family.members
        .filter((member) => member.role === 'child')
        .map((member) => childOf(member, people)),
      familyId: family.familyId,
      formerMembers: family.formerMembers.map((member) => formerMemberOf(member, people)),
      governorate: placeNameOf(family.governorate),
      head: { ...sheetPersonOf(head), motherName: head.motherNameAr },
      wives: wivesOf(family, head, people),
    },
  };
}
