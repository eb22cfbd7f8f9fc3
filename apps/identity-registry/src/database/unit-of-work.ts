import type { SqlExecutor, TransactionRunner } from '@bitaqa/messaging';
import { errorFields, type Logger } from '@bitaqa/observability';

import type { Prisma, PrismaClient } from '../generated/prisma/client';

/** Interactive transactions wait this long for a connection and may run this long, in milliseconds. */
export const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 30_000 } as const;

type AfterCommitAction = () => Promise<void>;

/**
 * One open database transaction plus the actions to run once it has committed, such as
 * dropping cached copies of the rows it changed. Dropping them before the commit would let a
 * concurrent reader cache the old row again.
 */
export class UnitOfWork implements SqlExecutor {
  private readonly afterCommitActions: AfterCommitAction[] = [];

  constructor(readonly db: Prisma.TransactionClient) {}

  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number> {
    return this.db.$executeRawUnsafe(query, ...values);
  }

  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T> {
    return this.db.$queryRawUnsafe<T>(query, ...values);
  }

  afterCommit(action: AfterCommitAction): void {
    this.afterCommitActions.push(action);
  }

  /** Runs the after-commit actions; a failing action is logged and does not stop the others. */
  async runAfterCommitActions(logger: Logger): Promise<void> {
    for (const action of this.afterCommitActions) {
      try {
        await action();
      } catch (error) {
        logger.error({ err: errorFields(error) }, 'after-commit action failed');
      }
    }
  }
}

/**
 * Creates the event consumer's transaction runner. Each attempt gets a fresh unit of work, and
 * its after-commit actions run only when that attempt committed.
 */
export function unitOfWorkRunner(
  prisma: PrismaClient,
  logger: Logger,
): TransactionRunner<UnitOfWork> {
  return async (work) => {
    let unit: UnitOfWork | undefined;

    const result = await prisma.$transaction((tx) => {
      unit = new UnitOfWork(tx);

      return work(unit);
    }, TRANSACTION_OPTIONS);

    await unit?.runAfterCommitActions(logger);

    return result;
  };
}
