import type { Tx } from '../../infrastructure/prisma.service';
import { toIsoDate, toIsoDateOrNull } from '../../registry/dates';
import type { PersonRecord, Sex } from '../../registry/types';

interface PersonRow {
  birth_date: Date;
  birth_place: string;
  date_of_death: Date | null;
  external_ref: string | null;
  family_name_ar: string;
  father_name_ar: string;
  father_national_number: string | null;
  given_name_ar: string;
  grandfather_name_ar: string | null;
  mother_name_ar: string;
  mother_national_number: string | null;
  national_number: string;
  registration_governorate: string;
  sex: Sex;
}

/**
 * Loads persons by national number without locking them. Imported rows are only ever
 * compared with or referred to, and the register never deletes a person.
 */
export async function loadPersons(
  tx: Tx,
  nationalNumbers: readonly string[],
): Promise<Map<string, PersonRecord>> {
  if (nationalNumbers.length === 0) return new Map();

  const rows = await tx.$queryRawUnsafe<PersonRow[]>(
    `SELECT national_number, external_ref, given_name_ar, father_name_ar, grandfather_name_ar,
       family_name_ar, mother_name_ar, sex::text AS sex, birth_date, birth_place,
       registration_governorate, father_national_number, mother_national_number, date_of_death
     FROM persons WHERE national_number = ANY($1::text[])`,
    [...new Set(nationalNumbers)],
  );

  return new Map(rows.map((row) => [row.national_number, toPersonRecord(row)]));
}

function toPersonRecord(row: PersonRow): PersonRecord {
  return {
    birthDate: toIsoDate(row.birth_date),
    birthPlace: row.birth_place,
    dateOfDeath: toIsoDateOrNull(row.date_of_death),
    externalRef: row.external_ref,
    familyNameAr: row.family_name_ar,
    fatherNameAr: row.father_name_ar,
    fatherNationalNumber: row.father_national_number,
    givenNameAr: row.given_name_ar,
    grandfatherNameAr: row.grandfather_name_ar,
    motherNameAr: row.mother_name_ar,
    motherNationalNumber: row.mother_national_number,
    nationalNumber: row.national_number,
    registrationGovernorate: row.registration_governorate,
    sex: row.sex,
  };
}

const INSERT_PERSONS = `
INSERT INTO persons (national_number, external_ref, given_name_ar, father_name_ar,
  grandfather_name_ar, family_name_ar, mother_name_ar, sex, birth_date, birth_place,
  registration_governorate, father_national_number, mother_national_number, date_of_death)
SELECT u.national_number, u.external_ref, u.given_name_ar, u.father_name_ar,
  u.grandfather_name_ar, u.family_name_ar, u.mother_name_ar, u.sex::sex, u.birth_date::date,
  u.birth_place, u.registration_governorate, u.father_national_number, u.mother_national_number,
  u.date_of_death::date
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
  $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
  AS u(national_number, external_ref, given_name_ar, father_name_ar, grandfather_name_ar,
    family_name_ar, mother_name_ar, sex, birth_date, birth_place, registration_governorate,
    father_national_number, mother_national_number, date_of_death)
ON CONFLICT (national_number) DO NOTHING
RETURNING national_number`;

/**
 * Inserts persons, with their national numbers and dates of death, in one statement. Returns
 * the national numbers inserted; a number another transaction committed first is skipped.
 */
export async function insertPersons(
  tx: Tx,
  persons: readonly PersonRecord[],
): Promise<Set<string>> {
  if (persons.length === 0) return new Set();

  const column = <Key extends keyof PersonRecord>(key: Key): PersonRecord[Key][] =>
    persons.map((person) => person[key]);
  const rows = await tx.$queryRawUnsafe<{ national_number: string }[]>(
    INSERT_PERSONS,
    column('nationalNumber'),
    column('externalRef'),
    column('givenNameAr'),
    column('fatherNameAr'),
    column('grandfatherNameAr'),
    column('familyNameAr'),
    column('motherNameAr'),
    column('sex'),
    column('birthDate'),
    column('birthPlace'),
    column('registrationGovernorate'),
    column('fatherNationalNumber'),
    column('motherNationalNumber'),
    column('dateOfDeath'),
  );

  return new Set(rows.map((row) => row.national_number));
}
