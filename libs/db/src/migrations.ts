import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Client } from 'pg';

/** Logger shape the runner needs; pino loggers fit. */
export interface MigrationLogger {
  info(fields: object, message: string): void;
}

export interface MigrationFile {
  checksum: string;
  name: string;
  sql: string;
}

export interface MigrationResult {
  applied: string[];
  skipped: string[];
}

/**
 * Prisma's migrations folder: one sub-folder per migration, named so that they sort in order,
 * each holding `migration.sql`. The checksum is the SHA-256 of the file, as Prisma computes it.
 */
export function readMigrations(migrationsDir: string): MigrationFile[] {
  if (!existsSync(migrationsDir)) {
    throw new Error(`migrations folder ${migrationsDir} not found; run from the repository root`);
  }

  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(migrationsDir, name, 'migration.sql'), 'utf8');

      return { checksum: createHash('sha256').update(sql).digest('hex'), name, sql };
    });
}

// Same table as `prisma migrate deploy` creates, so either tool can take over from the other.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Any fixed number works; it only has to be the same for every runner of one database.
const MIGRATION_LOCK_KEY = 72707369;

async function appliedChecksums(client: Client): Promise<Map<string, string>> {
  const rows = await client.query<{ checksum: string; migration_name: string }>(
    'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  );

  return new Map(rows.rows.map((row) => [row.migration_name, row.checksum]));
}

async function applyOne(client: Client, migration: MigrationFile): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
       VALUES ($1, $2, now(), $3, 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/**
 * Applies pending migrations in name order, each in its own transaction, recording them in
 * `_prisma_migrations` exactly as `prisma migrate deploy` does. A migration whose file changed
 * after it was applied stops the run: edit history with a new migration instead.
 */
export async function applyMigrations(
  databaseUrl: string,
  migrationsDir: string,
  logger?: MigrationLogger,
): Promise<MigrationResult> {
  const migrations = readMigrations(migrationsDir);
  const client = new Client({ connectionString: databaseUrl });
  const result: MigrationResult = { applied: [], skipped: [] };

  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(CREATE_MIGRATIONS_TABLE);

    const applied = await appliedChecksums(client);

    for (const migration of migrations) {
      const checksum = applied.get(migration.name);

      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(
            `migration ${migration.name} was changed after it was applied ` +
              `(recorded checksum ${checksum}, file ${migration.checksum}); add a new migration instead`,
          );
        }
        result.skipped.push(migration.name);
        continue;
      }

      await applyOne(client, migration);
      result.applied.push(migration.name);
      logger?.info({ migration: migration.name }, 'migration applied');
    }
  } finally {
    await client.end();
  }

  return result;
}
