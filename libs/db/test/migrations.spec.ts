import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client } from 'pg';

import {
  applyMigrations,
  dropDatabase,
  ensureDatabase,
  readMigrations,
  withDatabaseName,
} from '../src';

// The test harness library builds on this one, so this test reads the server address itself.
function serverUrl(): string {
  const url =
    process.env.POSTGRES_URL ??
    (process.env.PGHOST
      ? `postgresql://${process.env.PGUSER ?? 'postgres'}@${process.env.PGHOST}:${process.env.PGPORT ?? '5432'}/postgres`
      : undefined);

  if (!url)
    throw new Error('set POSTGRES_URL (or PGHOST), or source .bitaqa/env written by infra/up.sh');

  return url;
}

interface TestDatabase {
  drop(): Promise<void>;
  url: string;
}

async function createTestDatabase(): Promise<TestDatabase> {
  const url = withDatabaseName(serverUrl(), `test_migrations_${process.pid}_${Date.now()}`);

  await ensureDatabase(url);

  return { drop: () => dropDatabase(url), url };
}

function writeMigration(dir: string, name: string, sql: string): void {
  mkdirSync(join(dir, name), { recursive: true });
  writeFileSync(join(dir, name, 'migration.sql'), sql);
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });

  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('migration runner', () => {
  let database: TestDatabase;
  let dir: string;

  beforeEach(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'bitaqa-migrations-'));
  });

  afterEach(async () => {
    await database.drop();
    rmSync(dir, { force: true, recursive: true });
  });

  it('applies in order and records prisma rows', async () => {
    writeMigration(dir, '20260101000000_init', 'CREATE TABLE things (id INT PRIMARY KEY);');
    writeMigration(dir, '20260102000000_more', 'ALTER TABLE things ADD COLUMN name TEXT;');

    const result = await applyMigrations(database.url, dir);
    const rows = await query<{ checksum: string; migration_name: string }>(
      database.url,
      'SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name',
    );

    expect(result.applied).toEqual(['20260101000000_init', '20260102000000_more']);
    expect(rows.map((row) => row.migration_name)).toEqual(result.applied);
    expect(rows.map((row) => row.checksum)).toEqual(
      readMigrations(dir).map((file) => file.checksum),
    );
  });

  it('second run applies nothing', async () => {
    writeMigration(dir, '20260101000000_init', 'CREATE TABLE things (id INT PRIMARY KEY);');
    await applyMigrations(database.url, dir);

    const again = await applyMigrations(database.url, dir);

    expect(again.applied).toEqual([]);
    expect(again.skipped).toEqual(['20260101000000_init']);
  });

  it('changed applied migration stops the run', async () => {
    writeMigration(dir, '20260101000000_init', 'CREATE TABLE things (id INT PRIMARY KEY);');
    await applyMigrations(database.url, dir);
    writeMigration(dir, '20260101000000_init', 'CREATE TABLE things (id BIGINT PRIMARY KEY);');

    await expect(applyMigrations(database.url, dir)).rejects.toThrow(
      /was changed after it was applied/,
    );
  });

  it('failed migration leaves no trace', async () => {
    writeMigration(
      dir,
      '20260101000000_bad',
      'CREATE TABLE good (id INT); SELECT no_such_function();',
    );

    await expect(applyMigrations(database.url, dir)).rejects.toThrow(
      /migration 20260101000000_bad failed/,
    );

    const tables = await query<{ name: string }>(
      database.url,
      "SELECT tablename AS name FROM pg_tables WHERE tablename = 'good'",
    );
    const recorded = await query<{ n: number }>(
      database.url,
      'SELECT count(*)::int AS n FROM _prisma_migrations',
    );

    expect(tables).toEqual([]);
    expect(recorded[0]?.n).toBe(0);
  });
});
