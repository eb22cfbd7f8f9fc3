import { Pool, type PoolClient } from 'pg';

import type { SqlExecutor, TransactionRunner } from '../src';

/** A `SqlExecutor` over one pg connection, standing in for an app's Prisma transaction. */
export class PgExecutor implements SqlExecutor {
  constructor(private readonly client: PoolClient) {}

  async $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number> {
    return (await this.client.query(query, values)).rowCount ?? 0;
  }

  async $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T> {
    return (await this.client.query(query, values)).rows as T;
  }
}

export function pgTransactionRunner(pool: Pool): TransactionRunner<PgExecutor> {
  return async (work) => {
    const client = await pool.connect();

    try {
      await client.query('BEGIN');
      const result = await work(new PgExecutor(client));

      await client.query('COMMIT');

      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  };
}
