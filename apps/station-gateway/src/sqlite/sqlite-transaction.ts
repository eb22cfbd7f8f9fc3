import type { Database, Statement } from 'better-sqlite3';

import type { SqlExecutor } from '@bitaqa/messaging';

import { toSqliteParameters, toSqlitePlaceholders } from './sql-parameters';

/** Prepared statements of one connection, keyed by the SQL text the caller wrote. */
export class StatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly database: Database) {}

  get(sql: string): Statement {
    let statement = this.statements.get(sql);

    if (!statement) {
      statement = this.database.prepare(toSqlitePlaceholders(sql));
      this.statements.set(sql, statement);
    }

    return statement;
  }
}

/**
 * The open write transaction of the station database, with the raw-SQL surface of a Prisma
 * transaction client: `$1..$n` placeholders, `$executeRawUnsafe` returning the changed row count
 * and `$queryRawUnsafe` returning rows. It refuses use after its transaction ended.
 */
export class SqliteTransaction implements SqlExecutor {
  private open = true;

  constructor(private readonly statements: StatementCache) {}

  async $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number> {
    this.assertOpen();

    return this.statements.get(query).run(toSqliteParameters(values)).changes;
  }

  async $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T> {
    this.assertOpen();

    const statement = this.statements.get(query);
    const parameters = toSqliteParameters(values);

    if (!statement.reader) {
      statement.run(parameters);

      return [] as T;
    }

    return statement.all(parameters) as T;
  }

  /** Marks the transaction finished; later calls throw instead of writing outside it. */
  end(): void {
    this.open = false;
  }

  private assertOpen(): void {
    if (!this.open) {
      throw new Error('SQLite transaction already ended; run the statement inside transaction()');
    }
  }
}
