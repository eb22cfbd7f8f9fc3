import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import BetterSqlite3, { type Database } from 'better-sqlite3';

import type { Logger } from '@bitaqa/observability';

import { applySqliteMigrations } from './migration-runner';
import { MIGRATIONS } from './migrations';
import { toSqliteParameters } from './sql-parameters';
import { SqliteTransaction, StatementCache } from './sqlite-transaction';

/**
 * The station's SQLite database. Writes go through one connection inside `transaction()`,
 * which runs one transaction at a time: better-sqlite3 is synchronous, but a transaction's work
 * is async, and two interleaved on one connection would share one transaction. Reads use a
 * second, read-only connection, so they see only committed rows (WAL lets them run meanwhile).
 */
export class StationDatabase {
  private closed = false;
  private readonly readStatements: StatementCache;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly writeStatements: StatementCache;

  private constructor(
    private readonly writer: Database,
    private readonly reader: Database,
  ) {
    this.writeStatements = new StatementCache(writer);
    this.readStatements = new StatementCache(reader);
  }

  /** Opens (or creates) the database file at a file path, switches it to WAL and applies pending migrations. */
  static open(path: string, logger?: Logger): StationDatabase {
    mkdirSync(dirname(path), { recursive: true });

    const writer = new BetterSqlite3(path);

    writer.pragma('journal_mode = WAL');
    // FULL makes each commit durable across power loss, which a recorded fuel sale needs.
    writer.pragma('synchronous = FULL');
    writer.pragma('busy_timeout = 5000');
    applySqliteMigrations(writer, MIGRATIONS, logger);

    const reader = new BetterSqlite3(path, { readonly: true });

    reader.pragma('busy_timeout = 5000');
    logger?.info({ path }, 'station database opened');

    return new StationDatabase(writer, reader);
  }

  /**
   * Runs `work` inside BEGIN IMMEDIATE ... COMMIT, after every transaction queued before it.
   * A rejected `work` rolls back and its error reaches the caller.
   */
  transaction<T>(work: (tx: SqliteTransaction) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('station database is closed'));

    const run = this.tail.then(() => this.runTransaction(work));

    this.tail = run.catch(() => undefined);

    return run;
  }

  /** Rows of a read-only query over committed data. */
  query<T>(sql: string, ...values: unknown[]): T[] {
    return this.readStatements.get(sql).all(toSqliteParameters(values)) as T[];
  }

  /** The first row of a read-only query, or undefined. */
  queryOne<T>(sql: string, ...values: unknown[]): T | undefined {
    return this.readStatements.get(sql).get(toSqliteParameters(values)) as T | undefined;
  }

  /** Waits for queued transactions, then closes both connections. */
  async close(): Promise<void> {
    if (this.closed) return;

    this.closed = true;
    await this.tail;
    this.reader.close();
    this.writer.close();
  }

  private async runTransaction<T>(work: (tx: SqliteTransaction) => Promise<T>): Promise<T> {
    const tx = new SqliteTransaction(this.writeStatements);

    this.writer.exec('BEGIN IMMEDIATE');
    try {
      const result = await work(tx);

      tx.end();
      this.writer.exec('COMMIT');

      return result;
    } catch (error) {
      tx.end();
      if (this.writer.inTransaction) this.writer.exec('ROLLBACK');
      throw error;
    }
  }
}
