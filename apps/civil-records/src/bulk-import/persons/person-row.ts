import { findDivision } from '@bitaqa/reference-data';

import type { PersonRecord, Sex } from '../../registry/types';
import type { ColumnSpec } from '../csv/header';
import type { RowReader } from '../csv/row-reader';

/** Columns of the persons file; optional ones may be left out of the header. */
export const PERSON_COLUMNS = [
  { name: 'national_number', required: true },
  { name: 'given_name_ar', required: true },
  { name: 'father_name_ar', required: true },
  { name: 'grandfather_name_ar', required: false },
  { name: 'family_name_ar', required: true },
  { name: 'mother_name_ar', required: true },
  { name: 'sex', required: true },
  { name: 'birth_date', required: true },
  { name: 'birth_place', required: true },
  { name: 'registration_governorate', required: true },
  { name: 'date_of_death', required: false },
  { name: 'father_national_number', required: false },
  { name: 'mother_national_number', required: false },
] as const satisfies readonly ColumnSpec[];

export type PersonColumn = (typeof PERSON_COLUMNS)[number]['name'];

const SEXES: readonly Sex[] = ['F', 'M'];

/** Reads the person on one line, or returns undefined after recording every problem. */
export function readPersonRow(row: RowReader<PersonColumn>): PersonRecord | undefined {
  const nationalNumber = row.nationalNumber('national_number', true);
  const person = {
    birthDate: row.date('birth_date', true),
    birthPlace: readPlace(row),
    dateOfDeath: row.date('date_of_death', false),
    externalRef: null,
    familyNameAr: row.arabicName('family_name_ar', true),
    fatherNameAr: row.arabicName('father_name_ar', true),
    fatherNationalNumber: row.nationalNumber('father_national_number', false),
    givenNameAr: row.arabicName('given_name_ar', true),
    grandfatherNameAr: row.arabicName('grandfather_name_ar', false),
    motherNameAr: row.arabicName('mother_name_ar', true),
    motherNationalNumber: row.nationalNumber('mother_national_number', false),
    nationalNumber,
    registrationGovernorate: readGovernorate(row, nationalNumber),
    sex: row.oneOf('sex', SEXES, 'INVALID_SEX'),
  };

  checkDeath(row, person.birthDate, person.dateOfDeath);
  checkParentLinks(row, person);
  if (row.problems.length > 0) return undefined;

  return person as PersonRecord;
}

function readPlace(row: RowReader<PersonColumn>): string | undefined {
  const value = row.present('birth_place', true);

  if (!value) return undefined;
  if (/^SY\d{2}(\d{2}){0,2}$/.test(value) && findDivision(value) !== undefined) return value;

  return row.fail(
    'birth_place',
    value,
    'UNKNOWN_PLACE',
    'birth_place must be a known governorate, district or sub-district p-code such as SY0101',
  );
}

/** The registration governorate, which must be the one whose number leads the national number. */
function readGovernorate(
  row: RowReader<PersonColumn>,
  nationalNumber: string | null | undefined,
): string | undefined {
  const value = row.present('registration_governorate', true);

  if (!value) return undefined;
  if (!/^SY(0[1-9]|1[0-4])$/.test(value)) {
    return row.fail(
      'registration_governorate',
      value,
      'INVALID_GOVERNORATE',
      'registration_governorate must be a governorate p-code SY01-SY14',
    );
  }
  if (nationalNumber && nationalNumber.slice(0, 2) !== value.slice(2)) {
    return row.fail(
      'registration_governorate',
      value,
      'GOVERNORATE_MISMATCH',
      `national number ${nationalNumber} belongs to governorate SY${nationalNumber.slice(0, 2)}`,
    );
  }

  return value;
}

function checkDeath(
  row: RowReader<PersonColumn>,
  birthDate: string | null | undefined,
  dateOfDeath: string | null | undefined,
): void {
  if (!birthDate || !dateOfDeath || dateOfDeath >= birthDate) return;

  row.fail(
    'date_of_death',
    dateOfDeath,
    'DEATH_BEFORE_BIRTH',
    `date_of_death ${dateOfDeath} is before birth_date ${birthDate}`,
  );
}

function checkParentLinks(
  row: RowReader<PersonColumn>,
  person: {
    fatherNationalNumber: string | null | undefined;
    motherNationalNumber: string | null | undefined;
    nationalNumber: string | null | undefined;
  },
): void {
  const links = [
    ['father_national_number', person.fatherNationalNumber],
    ['mother_national_number', person.motherNationalNumber],
  ] as const;

  for (const [column, parent] of links) {
    if (parent && parent === person.nationalNumber) {
      row.fail(column, parent, 'INVALID_PARENT', `${column} is the person's own national number`);
    }
  }
  if (person.fatherNationalNumber && person.fatherNationalNumber === person.motherNationalNumber) {
    row.fail(
      'mother_national_number',
      person.motherNationalNumber,
      'INVALID_PARENT',
      'father_national_number and mother_national_number are the same person',
    );
  }
}
