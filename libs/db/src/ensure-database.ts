import { Client } from 'pg';

import { parseDatabaseUrl } from './database-url';

async function withAdminClient<T>(
  databaseUrl: string,
  work: (client: Client, name: string) => Promise<T>,
): Promise<T> {
  const { adminUrl, databaseName } = parseDatabaseUrl(databaseUrl);
  const client = new Client({ connectionString: adminUrl });

  await client.connect();
  try {
    return await work(client, databaseName);
  } finally {
    await client.end();
  }
}

/** Creates the database named in `databaseUrl` when it does not exist yet. Returns true if created. */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  return withAdminClient(databaseUrl, async (client, name) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);

    if (found.rowCount) return false;

    try {
      await client.query(`CREATE DATABASE "${name}"`);
    } catch (error) {
      // Two processes may race to create it; the loser sees duplicate_database (42P04).
      if ((error as { code?: string }).code !== '42P04') throw error;

      return false;
    }

    return true;
  });
}

/** Drops the database named in `databaseUrl`, closing other sessions on it first. */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  await withAdminClient(databaseUrl, async (client, name) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
}
