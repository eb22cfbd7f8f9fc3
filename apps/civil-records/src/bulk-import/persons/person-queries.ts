import type { Tx } from '../../infrastructure/prisma.service';
import { type PersonRow, toPerson } from '../../registry/person-store';
import type { PersonRecord } from '../../registry/types';

/**
 * Loads persons by national number without locking them. Imported rows are only ever
 * compared with or referred to, and the register never deletes a person. Each number is one
 * primary-key probe, whatever the planner's statistics are (see families/family-queries.ts).
 */
export async function loadPersons(
  tx: Tx,
  nationalNumbers: readonly string[],
): Promise<Map<string, PersonRecord>> {
  if (nationalNumbers.length === 0) return new Map();

  const rows = await tx.$queryRawUnsafe<PersonRow[]>(
    `SELECT p.national_number, p.external_ref, p.given_name_ar, p.father_name_ar,
       p.grandfather_name_ar, p.family_name_ar, p.mother_name_ar, p.sex::text AS sex, p.birth_date,
       p.birth_place, p.registration_governorate, p.father_national_number,
       p.mother_national_number, p.date_of_death
     FROM unnest($1::text[]) AS u(national_number)
     CROSS JOIN LATERAL (SELECT * FROM persons WHERE national_number = u.national_number) p`,
    [...new Set(nationalNumbers)],
  );

  return new Map(rows.map((row) => [row.national_number, toPerson(row)]));
}

const INSERT_PERSONS = `
INSERT INTO persons (national_number, external_ref, given_name_ar, father_name_ar,
  grandfather_name_ar, family_name_ar, mother_name_ar, sex, birth_date, birth_place,
  registration_governorate, father_national_number, mother_national_number, date_of_death)
SELECT x.national_number, x.external_ref, x.given_name_ar, x.father_name_ar,
  x.grandfather_name_ar, x.family_name_ar, x.mother_name_ar, x.sex::sex, x.birth_date,
  x.birth_place, x.registration_governorate, x.father_national_number, x.mother_national_number,
  x.date_of_death
FROM json_to_recordset($1::json) AS x(national_number text, external_ref text,
  given_name_ar text, father_name_ar text, grandfather_name_ar text, family_name_ar text,
  mother_name_ar text, sex text, birth_date date, birth_place text, registration_governorate text,
  father_national_number text, mother_national_number text, date_of_death date)
ON CONFLICT (national_number) DO NOTHING
RETURNING national_number`;

/**
 * Inserts persons, with their national numbers and dates of death, in one statement. The rows
 * travel as one JSON document, which costs far less CPU than text arrays (see bulk-outbox.ts).
 * Returns the national numbers inserted; a number another transaction committed first is skipped.
 */
export async function insertPersons(
  tx: Tx,
  persons: readonly PersonRecord[],
): Promise<Set<string>> {
  if (persons.length === 0) return new Set();

  const rows = await tx.$queryRawUnsafe<{ national_number: string }[]>(
    INSERT_PERSONS,
    JSON.stringify(
      persons.map((person) => ({
        birth_date: person.birthDate,
        birth_place: person.birthPlace,
        date_of_death: person.dateOfDeath,
        external_ref: person.externalRef,
        family_name_ar: person.familyNameAr,
        father_name_ar: person.fatherNameAr,
        father_national_number: person.fatherNationalNumber,
        given_name_ar: person.givenNameAr,
        grandfather_name_ar: person.grandfatherNameAr,
        mother_name_ar: person.motherNameAr,
        mother_national_number: person.motherNationalNumber,
        national_number: person.nationalNumber,
        registration_governorate: person.registrationGovernorate,
        sex: person.sex,
      })),
    ),
  );

  return new Set(rows.map((row) => row.national_number));
}
