import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client } from 'pg';

import { makeNationalNumber } from '@bitaqa/contracts';
import { applyMigrations } from '@bitaqa/db';
import { createTestDatabase, type TestDatabase } from '@bitaqa/testing';

import { MIGRATIONS_DIR } from '../src/bootstrap';

const FIRST_MIGRATION = '20261204120000_init';

const father = makeNationalNumber(2, 1);
const mother = makeNationalNumber(2, 2);
const child = makeNationalNumber(2, 3);

/** A couple married in 1975 with a child born into their book; the father died in 2000. */
const REGISTER_BEFORE_JOURNAL = `
INSERT INTO persons (national_number, given_name_ar, father_name_ar, family_name_ar, mother_name_ar,
  sex, birth_date, birth_place, registration_governorate, father_national_number,
  mother_national_number, date_of_death)
VALUES
  ('${father}', 'أحمد', 'علي', 'الحلبي', 'فاطمة', 'M', '1950-01-01', 'SY02', 'SY02', NULL, NULL, '2000-01-01'),
  ('${mother}', 'مريم', 'خالد', 'الحمصي', 'هند', 'F', '1952-01-01', 'SY02', 'SY02', NULL, NULL, NULL),
  ('${child}', 'سامي', 'أحمد', 'الحلبي', 'مريم الحمصي', 'M', '1976-05-05', 'SY02', 'SY02', '${father}', '${mother}', NULL);
INSERT INTO families (family_id, governorate, head_national_number, version)
VALUES ('FAM-SY02-000001', 'SY02', '${father}', 4);
INSERT INTO family_members (family_id, national_number, role, joined_on) VALUES
  ('FAM-SY02-000001', '${father}', 'head', '1975-01-01'),
  ('FAM-SY02-000001', '${mother}', 'wife', '1975-01-01'),
  ('FAM-SY02-000001', '${child}', 'child', '1976-05-05');
INSERT INTO marriages (husband_national_number, wife_national_number, family_id, date, status, ended_on)
VALUES ('${father}', '${mother}', 'FAM-SY02-000001', '1975-01-01', 'widowed', '2000-01-01');`;

describe('journal of a register older than the journal', () => {
  let database: TestDatabase;
  let sql: Client;

  beforeAll(async () => {
    const firstOnly = await mkdtemp(join(tmpdir(), 'civil-migrations-'));

    await cp(join(MIGRATIONS_DIR, FIRST_MIGRATION), join(firstOnly, FIRST_MIGRATION), {
      recursive: true,
    });
    database = await createTestDatabase('civil_backfill', firstOnly);
    await rm(firstOnly, { force: true, recursive: true });
    sql = new Client({ connectionString: database.url });
    await sql.connect();
    await sql.query(REGISTER_BEFORE_JOURNAL);
    await applyMigrations(database.url, MIGRATIONS_DIR);
  });

  afterAll(async () => {
    await sql.end();
    await database.drop();
  });

  async function kinds(nationalNumber: string): Promise<string[][]> {
    const result = await sql.query<{ effective_on: string; kind: string }>(
      `SELECT kind::text AS kind, to_char(effective_on, 'YYYY-MM-DD') AS effective_on
       FROM person_changes WHERE national_number = $1 ORDER BY effective_on, id`,
      [nationalNumber],
    );

    return result.rows.map((row) => [row.kind, row.effective_on]);
  }

  it('child born into a book', async () => {
    const result = await sql.query(
      'SELECT registration_kind::text AS kind FROM persons ORDER BY 1',
    );

    expect(result.rows.map((row) => row.kind)).toEqual(['birth', 'import', 'import']);
    expect(await kinds(child)).toEqual([['birth', '1976-05-05']]);
  });

  it('deceased husband', async () => {
    expect(await kinds(father)).toEqual([
      ['import', '1950-01-01'],
      ['marriage', '1975-01-01'],
      ['death', '2000-01-01'],
    ]);
  });

  it('widow', async () => {
    expect(await kinds(mother)).toEqual([
      ['import', '1952-01-01'],
      ['marriage', '1975-01-01'],
      ['widowed', '2000-01-01'],
    ]);
  });

  it('registration holds the record', async () => {
    const result = await sql.query<{ fields: Record<string, unknown> }>(
      `SELECT fields FROM person_changes WHERE national_number = $1 AND kind = 'birth'`,
      [child],
    );

    expect(result.rows[0]?.fields).toEqual({
      birthDate: '1976-05-05',
      birthPlace: 'SY02',
      dateOfDeath: null,
      familyNameAr: 'الحلبي',
      fatherNameAr: 'أحمد',
      fatherNationalNumber: father,
      givenNameAr: 'سامي',
      grandfatherNameAr: null,
      motherNameAr: 'مريم الحمصي',
      motherNationalNumber: mother,
      registrationGovernorate: 'SY02',
      sex: 'M',
    });
  });
});
