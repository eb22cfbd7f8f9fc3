import { randomBytes } from 'node:crypto';

import { applyMigrations, dropDatabase, ensureDatabase, withDatabaseName } from '@bitaqa/db';

import { serviceAddresses } from './service-addresses';

export interface TestDatabase {
  drop(): Promise<void>;
  url: string;
}

/**
 * Creates a fresh database for one test suite and applies an app's migrations to it, so suites
 * never share rows and never touch the apps' own databases.
 */
export async function createTestDatabase(
  label: string,
  migrationsDir?: string,
): Promise<TestDatabase> {
  const safeLabel = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 30);
  const name = `test_${safeLabel}_${randomBytes(4).toString('hex')}`;
  const url = withDatabaseName(serviceAddresses().postgresUrl, name);

  await ensureDatabase(url);
  if (migrationsDir) await applyMigrations(url, migrationsDir);

  return { drop: () => dropDatabase(url), url };
}
