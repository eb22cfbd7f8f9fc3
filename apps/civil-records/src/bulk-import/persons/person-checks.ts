import type { PersonRecord } from '../../registry/types';
import type { RejectEntry } from '../types';

import type { PersonColumn } from './person-row';

/** A person read from one line of the persons file. */
export interface PersonCandidate {
  line: number;
  person: PersonRecord;
}

export type PersonDecision =
  { kind: 'accept' } | { kind: 'existing' } | { kind: 'reject'; reject: RejectEntry };

/** Persons already registered or taken by the job, as one batch's checks need them. */
export interface PersonContext {
  /** Persons accepted earlier in the batch, by national number. */
  accepted: Map<string, PersonRecord>;
  /** Persons already registered, including the parents the batch names. */
  stored: ReadonlyMap<string, PersonRecord>;
  /** Line on which this job took each national number, from earlier batches or this one. */
  takenOnLine: Map<string, number>;
}

/** Person fields a repeated national number must match, with their columns in the file. */
const COMPARED_FIELDS: readonly [keyof PersonRecord, PersonColumn][] = [
  ['givenNameAr', 'given_name_ar'],
  ['fatherNameAr', 'father_name_ar'],
  ['grandfatherNameAr', 'grandfather_name_ar'],
  ['familyNameAr', 'family_name_ar'],
  ['motherNameAr', 'mother_name_ar'],
  ['sex', 'sex'],
  ['birthDate', 'birth_date'],
  ['birthPlace', 'birth_place'],
  ['registrationGovernorate', 'registration_governorate'],
  ['dateOfDeath', 'date_of_death'],
  ['fatherNationalNumber', 'father_national_number'],
  ['motherNationalNumber', 'mother_national_number'],
];

/**
 * Decides what to do with one person. A national number this job took on another line is a
 * duplicate. One already registered is `existing` when every field matches, and a conflict when
 * one differs. A new person is accepted when the parents it names are known, of the right sex
 * and born before it.
 */
export function decidePerson(candidate: PersonCandidate, context: PersonContext): PersonDecision {
  const { line, person } = candidate;
  const firstLine = context.takenOnLine.get(person.nationalNumber);

  if (firstLine !== undefined && firstLine !== line) {
    return reject(
      line,
      'national_number',
      person.nationalNumber,
      'DUPLICATE_IN_FILE',
      `national number ${person.nationalNumber} is already on line ${firstLine}`,
    );
  }

  const stored = context.stored.get(person.nationalNumber);

  if (stored) return compareWithStored(line, person, stored);

  return checkParents(candidate, context) ?? { kind: 'accept' };
}

function compareWithStored(
  line: number,
  person: PersonRecord,
  stored: PersonRecord,
): PersonDecision {
  const difference = COMPARED_FIELDS.find(([field]) => person[field] !== stored[field]);

  if (!difference) return { kind: 'existing' };

  const [field, column] = difference;

  return reject(
    line,
    column,
    person[field],
    'NATIONAL_NUMBER_CONFLICT',
    `national number ${person.nationalNumber} is registered with ${column} ${stored[field] ?? 'empty'}`,
  );
}

function checkParents(
  candidate: PersonCandidate,
  context: PersonContext,
): PersonDecision | undefined {
  const { line, person } = candidate;
  const links = [
    { column: 'father_national_number', nationalNumber: person.fatherNationalNumber, sex: 'M' },
    { column: 'mother_national_number', nationalNumber: person.motherNationalNumber, sex: 'F' },
  ] as const;

  for (const link of links) {
    if (link.nationalNumber === null) continue;

    const parent =
      context.accepted.get(link.nationalNumber) ?? context.stored.get(link.nationalNumber);

    if (!parent) {
      return reject(
        line,
        link.column,
        link.nationalNumber,
        'UNKNOWN_PARENT',
        `${link.column} ${link.nationalNumber} is neither registered nor on an earlier line`,
      );
    }
    if (parent.sex !== link.sex) {
      return reject(
        line,
        link.column,
        link.nationalNumber,
        'PARENT_SEX_MISMATCH',
        `${link.column} ${link.nationalNumber} is registered with sex ${parent.sex}`,
      );
    }
    if (parent.birthDate >= person.birthDate) {
      return reject(
        line,
        link.column,
        link.nationalNumber,
        'PARENT_BORN_AFTER_CHILD',
        `${link.column} ${link.nationalNumber} was born on ${parent.birthDate}, not before ${person.birthDate}`,
      );
    }
  }

  return undefined;
}

function reject(
  line: number,
  column: PersonColumn,
  value: string | null,
  code: string,
  message: string,
): PersonDecision {
  return { kind: 'reject', reject: { code, column, line, message, value } };
}
