/**
 * The raw-SQL surface of a Prisma client or interactive transaction that messaging needs, so
 * the library works with every app's generated client without depending on one.
 */
export interface SqlExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
}

/** Runs `work` in one database transaction and commits when it resolves. */
export type TransactionRunner<Tx extends SqlExecutor> = <T>(
  work: (tx: Tx) => Promise<T>,
) => Promise<T>;
