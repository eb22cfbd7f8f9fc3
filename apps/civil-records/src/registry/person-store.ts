import type { Tx } from '../infrastructure/prisma.service';

import { toIsoDate, toIsoDateOrNull } from './dates';
import type { PersonRecord, Sex } from './types';

/** A `persons` row as the register's queries select it (`sex` cast to text). */
export interface PersonRow {
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

const PERSON_COLUMNS = `national_number, external_ref, given_name_ar, father_name_ar,
  grandfather_name_ar, family_name_ar, mother_name_ar, sex::text AS sex, birth_date, birth_place,
  registration_governorate, father_national_number, mother_national_number, date_of_death`;

export function toPerson(row: PersonRow): PersonRecord {
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

function byNationalNumber(rows: PersonRow[]): Map<string, PersonRecord> {
  return new Map(rows.map((row) => [row.national_number, toPerson(row)]));
}

/**
 * Loads persons and locks their rows until the transaction ends: `update` for persons the
 * request changes or whose state its rules depend on, `share` for persons it only refers to.
 * Rows are locked in national-number order, so two requests that lock overlapping sets of persons
 * wait for each other instead of deadlocking.
 */
export async function lockPersons(
  tx: Tx,
  nationalNumbers: readonly string[],
  mode: 'share' | 'update',
): Promise<Map<string, PersonRecord>> {
  if (nationalNumbers.length === 0) return new Map();

  const lock = mode === 'update' ? 'FOR UPDATE' : 'FOR SHARE';
  const rows = await tx.$queryRawUnsafe<PersonRow[]>(
    `SELECT ${PERSON_COLUMNS} FROM persons WHERE national_number = ANY($1::text[])
     ORDER BY national_number ${lock}`,
    [...new Set(nationalNumbers)],
  );

  return byNationalNumber(rows);
}

/** Loads the persons imported under the given external references, keyed by reference. */
export async function findByExternalRefs(
  tx: Tx,
  externalRefs: readonly string[],
): Promise<Map<string, PersonRecord>> {
  if (externalRefs.length === 0) return new Map();

  const rows = await tx.$queryRawUnsafe<PersonRow[]>(
    `SELECT ${PERSON_COLUMNS} FROM persons WHERE external_ref = ANY($1::text[])`,
    [...externalRefs],
  );

  return new Map(rows.map((row) => [row.external_ref ?? '', toPerson(row)]));
}

const INSERT_PERSONS = `
INSERT INTO persons (national_number, external_ref, given_name_ar, father_name_ar,
  grandfather_name_ar, family_name_ar, mother_name_ar, sex, birth_date, birth_place,
  registration_governorate, father_national_number, mother_national_number, registration_kind)
SELECT u.national_number, u.external_ref, u.given_name_ar, u.father_name_ar,
  u.grandfather_name_ar, u.family_name_ar, u.mother_name_ar, u.sex::sex, u.birth_date::date,
  u.birth_place, u.registration_governorate, u.father_national_number, u.mother_national_number,
  $14::registration_kind
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
  $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
  AS u(national_number, external_ref, given_name_ar, father_name_ar, grandfather_name_ar,
    family_name_ar, mother_name_ar, sex, birth_date, birth_place, registration_governorate,
    father_national_number, mother_national_number)
ON CONFLICT (external_ref) DO NOTHING
RETURNING national_number`;

/**
 * Inserts new persons in one statement. A person whose external reference is already stored
 * (a concurrent retry of the same import) is skipped; returns the national numbers inserted.
 * A trigger journals each inserted person's registration as `kind`.
 */
export async function insertPersons(
  tx: Tx,
  persons: readonly PersonRecord[],
  kind: 'birth' | 'import' = 'import',
): Promise<Set<string>> {
  if (persons.length === 0) return new Set();

  const column = <K extends keyof PersonRecord>(key: K): PersonRecord[K][] =>
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
    kind,
  );

  return new Set(rows.map((row) => row.national_number));
}

/** Records dates of death in one statement. */
export async function recordDeaths(
  tx: Tx,
  deaths: readonly { dateOfDeath: string; nationalNumber: string }[],
): Promise<void> {
  if (deaths.length === 0) return;

  await tx.$executeRawUnsafe(
    `UPDATE persons p SET date_of_death = u.date_of_death::date, updated_at = now()
     FROM unnest($1::text[], $2::text[]) AS u(national_number, date_of_death)
     WHERE p.national_number = u.national_number`,
    deaths.map((death) => death.nationalNumber),
    deaths.map((death) => death.dateOfDeath),
  );
}

/** Children registered to any of the given mothers. */
export async function childrenOfMothers(
  tx: Tx,
  motherNationalNumbers: readonly string[],
): Promise<PersonRecord[]> {
  if (motherNationalNumbers.length === 0) return [];

  const rows = await tx.$queryRawUnsafe<PersonRow[]>(
    `SELECT ${PERSON_COLUMNS} FROM persons WHERE mother_national_number = ANY($1::text[])`,
    [...new Set(motherNationalNumbers)],
  );

  return rows.map(toPerson);
}

/** Children registered to any of the persons as father or mother. */
export async function childrenOf(
  tx: Tx,
  parentNationalNumbers: readonly string[],
): Promise<PersonRecord[]> {
  if (parentNationalNumbers.length === 0) return [];

  const rows = await tx.$queryRawUnsafe<PersonRow[]>(
    `SELECT ${PERSON_COLUMNS} FROM persons
     WHERE father_national_number = ANY($1::text[]) OR mother_national_number = ANY($1::text[])`,
    [...new Set(parentNationalNumbers)],
  );

  return rows.map(toPerson);
}

/** Writes a person's corrected record fields. */
export async function updateRecord(tx: Tx, person: PersonRecord): Promise<void> {
  await tx.$executeRawUnsafe(
    `UPDATE persons SET given_name_ar = $2, father_name_ar = $3, grandfather_name_ar = $4,
       family_name_ar = $5, mother_name_ar = $6, birth_date = $7::date, birth_place = $8,
       date_of_death = $9::date, updated_at = now()
     WHERE national_number = $1`,
    person.nationalNumber,
    person.givenNameAr,
    person.fatherNameAr,
    person.grandfatherNameAr,
    person.familyNameAr,
    person.motherNameAr,
    person.birthDate,
    person.birthPlace,
    person.dateOfDeath,
  );
}
