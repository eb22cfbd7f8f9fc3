import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Pool } from 'pg';

import { normalizeArabicName } from '@bitaqa/arabic-names';
import { applyMigrations } from '@bitaqa/db';
import { createTestDatabase, type TestDatabase } from '@bitaqa/testing';

import { MIGRATIONS_DIR } from '../src/bootstrap';

const INIT = '20261204120000_init';

/**
 * Stored forms that the normalization before the duplicate_review migration produced, with the
 * name each came from. The migration must rewrite each into what normalizeArabicName gives now.
 */
const STORED_BEFORE: ReadonlyArray<readonly [name: string, stored: string]> = [
  ['فؤاد', 'فؤاد'],
  ['وائل', 'وائل'],
  ['ڤيكتور', 'ڤيكتور'],
  ['ہالہ', 'ہالہ'],
  ['نور الهدى', 'نور الهدي'],
  ['سيف الإسلام', 'سيف الاسلام'],
  ['زين العابدين', 'زين العابدين'],
  ['آل عثمان', 'ال عثمان'],
  ['ال حلبي', 'ال حلبي'],
  ['عبدال رحمن', 'عبدال رحمن'],
  ['إبو بكر', 'ابو بكر'],
  ['محمد ٢', 'محمد ٢'],
  ['عبد الله', 'عبدالله'],
  ['خالد', 'خالد'],
];

describe('duplicate_review migration', () => {
  let database: TestDatabase;
  let pool: Pool;
  let initOnly: string;

  beforeAll(async () => {
    database = await createTestDatabase('identity_renormalize');
    initOnly = mkdtempSync(join(tmpdir(), 'identity-migrations-'));
    cpSync(join(MIGRATIONS_DIR, INIT), join(initOnly, INIT), { recursive: true });
    await applyMigrations(database.url, initOnly);
    pool = new Pool({ connectionString: database.url, max: 1 });

    for (const [index, [name, stored]] of STORED_BEFORE.entries()) {
      await pool.query(
        `INSERT INTO identities (
           national_number, birth_date, birth_place, family_name_ar, family_name_latin,
           family_name_normalized, father_name_ar, father_name_normalized,
           full_name_normalized, given_name_ar, given_name_latin, given_name_normalized,
           governorate, mother_name_ar, mother_name_normalized, sex, version)
         VALUES ($1, '1980-01-01', 'SY0101', $2, 'X', $3, $2, $3, $4, $2, 'X', $3, 'SY01', $2,
                 $3, 'M', 1)`,
        [`01${String(index).padStart(9, '0')}`, name, stored, `${stored} ${stored}`],
      );
    }

    await applyMigrations(database.url, MIGRATIONS_DIR);
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
    if (initOnly) rmSync(initOnly, { force: true, recursive: true });
  });

  it.each(STORED_BEFORE.map(([name, stored], index) => [name, stored, index]))(
    'rewrites %s stored as %s',
    async (name, _stored, index) => {
      const result = await pool.query<Record<string, string>>(
        `SELECT given_name_normalized, father_name_normalized, mother_name_normalized,
                family_name_normalized, full_name_normalized
         FROM identities WHERE national_number = $1`,
        [`01${String(index).padStart(9, '0')}`],
      );
      const expected = normalizeArabicName(String(name));

      expect(result.rows[0]).toEqual({
        family_name_normalized: expected,
        father_name_normalized: expected,
        full_name_normalized: normalizeArabicName(`${name} ${name}`),
        given_name_normalized: expected,
        mother_name_normalized: expected,
      });
    },
  );

  it('adds the merged status', async () => {
    const result = await pool.query<{ values: string[] }>(
      'SELECT enum_range(NULL::identity_status)::text[] AS values',
    );

    expect(result.rows[0]?.values).toEqual(['active', 'deceased', 'merged']);
  });

  it('ties merged status to a survivor', async () => {
    await expect(
      pool.query("UPDATE identities SET status = 'merged' WHERE national_number = '01000000000'"),
    ).rejects.toThrow(/identities_merged_into_check/);
    await expect(
      pool.query(
        "UPDATE identities SET merged_into = national_number WHERE national_number = '01000000000'",
      ),
    ).rejects.toThrow(/identities_merged_into_check/);
  });

  it('keeps a death date on a merged identity', async () => {
    await pool.query(
      `UPDATE identities SET status = 'merged', merged_into = '01000000001',
         date_of_death = '2020-01-01' WHERE national_number = '01000000000'`,
    );
    await expect(
      pool.query(
        "UPDATE identities SET status = 'active', merged_into = NULL WHERE national_number = '01000000000'",
      ),
    ).rejects.toThrow(/identities_status_death_check/);
  });
});
