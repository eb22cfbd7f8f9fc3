import { createHash } from 'node:crypto';

import type { Database } from 'better-sqlite3';

import type { Logger } from '@bitaqa/observability';

import type { SqliteMigration } from './migrations';

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  checksum TEXT NOT NULL,
  applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
)`;

export class MigrationError extends Error {
  readonly code = 'MIGRATION_FAILED';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

function checksumOf(migration: SqliteMigration): string {
  return createHash('sha256').update(migration.sql).digest('hex');
}

function assertOrdered(migrations: readonly SqliteMigration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new MigrationError(
        `migration ${migration.name} has version ${migration.version}, expected ${index + 1}; ` +
          'number migrations 1, 2, 3... in list order',
      );
    }
  });
}

/**
 * Applies pending migrations in version order, each in its own transaction. A migration whose
 * SQL changed after it was applied stops the run, because the station's schema would no longer
 * match the code. Returns the versions applied.
 */
export function applySqliteMigrations(
  database: Database,
  migrations: readonly SqliteMigration[],
  logger?: Logger,
): number[] {
  assertOrdered(migrations);
  database.exec(CREATE_MIGRATIONS_TABLE);

  const rows = database.prepare('SELECT version, checksum FROM schema_migrations').all() as {
    checksum: string;
    version: number;
  }[];
  const applied = new Map(rows.map((row) => [row.version, row.checksum]));
  const record = database.prepare(
    'INSERT INTO schema_migrations (version, name, checksum) VALUES (?, ?, ?)',
  );
  const newlyApplied: number[] = [];

  for (const migration of migrations) {
    const checksum = checksumOf(migration);
    const recorded = applied.get(migration.version);

    if (recorded !== undefined) {
      if (recorded !== checksum) {
        throw new MigrationError(
          `migration ${migration.version} (${migration.name}) changed after it was applied; ` +
            'restore its SQL and add a new migration instead',
        );
      }
      continue;
    }

    try {
      database.transaction(() => {
        database.exec(migration.sql);
        record.run(migration.version, migration.name, checksum);
      })();
    } catch (error) {
      throw new MigrationError(
        `migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`,
        { cause: error },
      );
    }
    newlyApplied.push(migration.version);
    logger?.info({ migration: migration.name, version: migration.version }, 'migration applied');
  }

  return newlyApplied;
}
