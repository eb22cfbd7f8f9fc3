/** Splits a PostgreSQL URL into the database name and a URL of the server's `postgres` database. */
export function parseDatabaseUrl(databaseUrl: string): { adminUrl: string; databaseName: string } {
  const url = new URL(databaseUrl);
  const databaseName = decodeURIComponent(url.pathname.replace(/^\//, ''));

  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(databaseName)) {
    throw new Error(
      `database name "${databaseName}" in DATABASE_URL is not a plain lower-case identifier; ` +
        'use letters, digits and underscores, for example bitaqa_civil_records',
    );
  }

  url.pathname = '/postgres';

  return { adminUrl: url.toString(), databaseName };
}

/** The same server URL pointing at another database. */
export function withDatabaseName(databaseUrl: string, databaseName: string): string {
  const url = new URL(databaseUrl);

  url.pathname = `/${databaseName}`;

  return url.toString();
}
