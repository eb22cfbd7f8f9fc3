import { runCommand } from './processes';

/** Plain tables of the same column types as persons and family_members, without keys or indexes. */
const CREATE_PLAIN_TABLES = `
DROP TABLE IF EXISTS copy_persons, copy_family_members, copy_persons_indexed;
CREATE TABLE copy_persons (
  national_number TEXT, given_name_ar TEXT, father_name_ar TEXT, grandfather_name_ar TEXT,
  family_name_ar TEXT, mother_name_ar TEXT, sex sex, birth_date DATE, birth_place TEXT,
  registration_governorate TEXT, date_of_death DATE, father_national_number TEXT,
  mother_national_number TEXT);
CREATE TABLE copy_family_members (
  family_id TEXT, national_number TEXT, role family_role, joined_on DATE);
CREATE TABLE copy_persons_indexed (LIKE persons INCLUDING ALL);`;

const PERSON_COLUMNS =
  'national_number, given_name_ar, father_name_ar, grandfather_name_ar, family_name_ar, ' +
  'mother_name_ar, sex, birth_date, birth_place, registration_governorate, date_of_death, ' +
  'father_national_number, mother_national_number';

export interface CopyTimes {
  /** Seconds to COPY the families file into the plain family_members table. */
  families: number;
  /** Seconds to COPY the persons file into the plain persons table. */
  persons: number;
  /** Seconds to COPY the persons file into a copy of persons with its keys, checks and indexes. */
  personsIndexed: number;
}

async function copy(
  databaseUrl: string,
  table: string,
  columns: string,
  file: string,
): Promise<number> {
  const command = `\\copy ${table} (${columns}) FROM '${file}' WITH (FORMAT csv, HEADER true)`;
  const { seconds } = await runCommand('psql', [
    databaseUrl,
    '-v',
    'ON_ERROR_STOP=1',
    '-qc',
    command,
  ]);

  return seconds;
}

/**
 * Times psql's `\copy` of the same CSV files into plain tables on the same server: the fastest
 * way PostgreSQL takes in these rows, with no checks, events or resumability.
 */
export async function timeCopies(
  databaseUrl: string,
  files: { families: string; persons: string },
): Promise<CopyTimes> {
  await runCommand('psql', [databaseUrl, '-v', 'ON_ERROR_STOP=1', '-qc', CREATE_PLAIN_TABLES]);

  const persons = await copy(databaseUrl, 'copy_persons', PERSON_COLUMNS, files.persons);
  const families = await copy(
    databaseUrl,
    'copy_family_members',
    'family_id, national_number, role, joined_on',
    files.families,
  );
  const personsIndexed = await copy(
    databaseUrl,
    'copy_persons_indexed',
    PERSON_COLUMNS,
    files.persons,
  );

  return { families, persons, personsIndexed };
}
