import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

import { Client } from 'pg';

import { applyMigrations, ensureDatabase, withDatabaseName } from '@bitaqa/db';
import { serviceAddresses } from '@bitaqa/testing';

import { normalizedNamesOf } from '../../apps/identity-registry/src/identities/identity-names';

import { latinOf, personAt, type SyntheticPerson } from './synthetic-people';

export const BENCH_DATABASE = 'bitaqa_bench_identity_registry';

const MIGRATIONS_DIR = join(__dirname, '../../apps/identity-registry/prisma/migrations');

const COLUMNS = [
  'national_number',
  'birth_date',
  'birth_place',
  'family_name_ar',
  'family_name_latin',
  'family_name_normalized',
  'father_name_ar',
  'father_name_normalized',
  'full_name_normalized',
  'given_name_ar',
  'given_name_latin',
  'given_name_normalized',
  'governorate',
  'grandfather_name_ar',
  'mother_name_ar',
  'mother_name_normalized',
  'sex',
  'version',
];

const PROGRESS_EVERY = 100_000;

export function benchDatabaseUrl(): string {
  return withDatabaseName(serviceAddresses().postgresUrl, BENCH_DATABASE);
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Formats one CSV line with the columns of COLUMNS, names stored as the registry stores them. */
function csvRow(person: SyntheticPerson): string {
  const names = normalizedNamesOf({
    ...person,
    fatherNationalNumber: null,
    motherNationalNumber: null,
  });

  return `${[
    person.nationalNumber,
    person.birthDate,
    person.birthPlace,
    person.familyNameAr,
    latinOf(person.familyNameAr),
    names.familyNameNormalized,
    person.fatherNameAr,
    names.fatherNameNormalized,
    names.fullNameNormalized,
    person.givenNameAr,
    latinOf(person.givenNameAr),
    names.givenNameNormalized,
    person.governorate,
    person.grandfatherNameAr,
    person.motherNameAr,
    names.motherNameNormalized,
    person.sex,
    '1',
  ]
    .map(csvField)
    .join(',')}\n`;
}

/** Streams persons 1..rows into `psql`'s COPY, printing progress. */
async function copyRows(url: string, rows: number): Promise<void> {
  const psql = spawn(
    'psql',
    [
      url,
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      `COPY identities (${COLUMNS.join(', ')}) FROM STDIN WITH (FORMAT csv)`,
    ],
    { stdio: ['pipe', 'inherit', 'inherit'] },
  );
  const exited = once(psql, 'exit');
  const started = Date.now();

  for (let i = 1; i <= rows; i += 1) {
    if (!psql.stdin.write(csvRow(personAt(i)))) await once(psql.stdin, 'drain');
    if (i % PROGRESS_EVERY === 0 || i === rows) {
      const seconds = (Date.now() - started) / 1000;

      console.log(
        `  copied ${i.toLocaleString('en')} of ${rows.toLocaleString('en')} rows (${Math.round(i / seconds).toLocaleString('en')} rows/s)`,
      );
    }
  }
  psql.stdin.end();

  const [code] = (await exited) as [number | null];

  if (code !== 0) throw new Error(`psql COPY exited with code ${code}`);
}

async function seededRows(client: Client): Promise<number | undefined> {
  await client.query(
    'CREATE TABLE IF NOT EXISTS bench_seed (rows INTEGER NOT NULL, seeded_at TIMESTAMPTZ NOT NULL DEFAULT now())',
  );

  const result = await client.query<{ rows: number }>('SELECT rows FROM bench_seed');

  return result.rows[0]?.rows;
}

/**
 * Creates the bench database with the registry's migrations and fills identities with
 * persons 1..rows, unless an earlier run already seeded exactly that many. The secondary
 * indexes are dropped during COPY and rebuilt from their own definitions afterwards.
 */
export async function seedBenchDatabase(rows: number): Promise<string> {
  const url = benchDatabaseUrl();

  await ensureDatabase(url);
  await applyMigrations(url, MIGRATIONS_DIR);

  const client = new Client({ connectionString: url });

  await client.connect();
  try {
    if ((await seededRows(client)) === rows) {
      console.log(
        `bench database ${BENCH_DATABASE} already holds ${rows.toLocaleString('en')} identities`,
      );

      return url;
    }

    console.log(`seeding ${rows.toLocaleString('en')} identities into ${BENCH_DATABASE}`);
    // CASCADE also empties tables that reference identities, such as duplicate cases.
    await client.query('TRUNCATE identities, identity_lookups, bench_seed CASCADE');

    const indexes = await client.query<{ indexdef: string; indexname: string }>(
      `SELECT indexname, indexdef FROM pg_indexes
       WHERE tablename = 'identities' AND indexname <> 'identities_pkey'`,
    );

    for (const index of indexes.rows) await client.query(`DROP INDEX "${index.indexname}"`);
    await copyRows(url, rows);
    for (const index of indexes.rows) {
      const started = Date.now();

      await client.query(index.indexdef);
      console.log(`  built ${index.indexname} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    await client.query('VACUUM ANALYZE identities');
    await client.query('INSERT INTO bench_seed (rows) VALUES ($1)', [rows]);
  } finally {
    await client.end();
  }

  return url;
}
