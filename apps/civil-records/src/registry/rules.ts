import { RuleViolationError } from '@bitaqa/http';

import { ageOn } from './dates';
import type { PersonRecord, Sex } from './types';

/** Marriage age of both spouses under the Personal Status Law as amended by Law 4 of 2019. */
export const MARRIAGE_MIN_AGE = 18;

/** Youngest age at which a court decision may let a spouse marry before MARRIAGE_MIN_AGE. */
export const MARRIAGE_EXCEPTION_MIN_AGE = 15;

/** Wives a man may have in active marriages at the same time. */
export const MAX_ACTIVE_WIVES = 4;

/** Returns the person `nationalNumber` from `persons`, or fails with PERSON_NOT_FOUND on `field`. */
export function requirePerson(
  persons: ReadonlyMap<string, PersonRecord>,
  nationalNumber: string,
  field: string,
): PersonRecord {
  const person = persons.get(nationalNumber);

  if (!person) {
    throw new RuleViolationError(
      'PERSON_NOT_FOUND',
      `no person with national number ${nationalNumber} is registered`,
      { field, hint: 'register or import the person first', value: nationalNumber },
    );
  }

  return person;
}

export function requireAlive(person: PersonRecord, field: string): void {
  if (person.dateOfDeath === null) return;

  throw new RuleViolationError(
    'PERSON_DECEASED',
    `person ${person.nationalNumber} died on ${person.dateOfDeath}`,
    {
      field,
      hint: 'a deceased person takes part in no new civil event; check the national number',
      value: person.nationalNumber,
    },
  );
}

export function requireSex(person: PersonRecord, sex: Sex, field: string): void {
  if (person.sex === sex) return;

  throw new RuleViolationError(
    'SEX_MISMATCH',
    `person ${person.nationalNumber} is registered with sex ${person.sex}, expected ${sex}`,
    {
      field,
      hint: `check the national number; this field takes a person of sex ${sex}`,
      value: person.nationalNumber,
    },
  );
}

export function requireNotInFuture(date: string, today: string, field: string): void {
  if (date <= today) return;

  throw new RuleViolationError('DATE_IN_FUTURE', `${field} ${date} is after today (${today})`, {
    field,
    hint: 'civil events are registered after they happen',
    value: date,
  });
}

/**
 * Checks a spouse's age on the marriage date: 18 or older, or 15 to 17 with a court decision.
 * No decision makes a marriage below 15 valid.
 */
export function requireMarriageAge(
  person: PersonRecord,
  date: string,
  field: string,
  hasCourtDecision: boolean,
): void {
  const age = ageOn(person.birthDate, date);

  if (age >= MARRIAGE_MIN_AGE) return;

  if (age < MARRIAGE_EXCEPTION_MIN_AGE) {
    throw new RuleViolationError(
      'UNDER_MINIMUM_AGE',
      `person ${person.nationalNumber}, born ${person.birthDate}, is ${age} on ${date}`,
      {
        field,
        hint: `no court decision allows a marriage below ${MARRIAGE_EXCEPTION_MIN_AGE}`,
        value: person.nationalNumber,
      },
    );
  }
  if (hasCourtDecision) return;

  throw new RuleViolationError(
    'UNDER_AGE',
    `person ${person.nationalNumber}, born ${person.birthDate}, is under ${MARRIAGE_MIN_AGE} on ${date}`,
    {
      field,
      hint: `a spouse aged ${MARRIAGE_EXCEPTION_MIN_AGE} to ${MARRIAGE_MIN_AGE - 1} marries only with a court decision: send courtDecision with its number, court and date`,
      value: person.nationalNumber,
    },
  );
}

/** Fails with CLOSE_RELATIVES when one spouse is the other's parent, or both share a parent. */
export function requireNotCloseRelatives(husband: PersonRecord, wife: PersonRecord): void {
  const parentAndChild =
    wife.fatherNationalNumber === husband.nationalNumber ||
    husband.motherNationalNumber === wife.nationalNumber;
  const sameFather =
    husband.fatherNationalNumber !== null &&
    husband.fatherNationalNumber === wife.fatherNationalNumber;
  const sameMother =
    husband.motherNationalNumber !== null &&
    husband.motherNationalNumber === wife.motherNationalNumber;

  if (!parentAndChild && !sameFather && !sameMother) return;

  throw new RuleViolationError(
    'CLOSE_RELATIVES',
    `persons ${husband.nationalNumber} and ${wife.nationalNumber} are parent and child or siblings`,
    {
      field: 'wifeNationalNumber',
      hint: 'the law forbids marriage between a parent and child or between siblings',
      value: wife.nationalNumber,
    },
  );
}
