import type { UnitOfWork } from './unit-of-work';

/**
 * Takes a transaction-scoped advisory lock on each person, in ascending order, so two callers
 * that each lock one batch cannot deadlock on these locks. Person and family events arrive on
 * different topics and are handled concurrently. The lock makes a family snapshot and the
 * registration of one of its members see each other's committed rows instead of racing.
 *
 * The lock key is the national number itself (at least 1e9). The messaging and migration locks
 * in the same database use keys below 1e8, so they never collide.
 */
export async function lockPersons(
  unit: UnitOfWork,
  nationalNumbers: Iterable<string>,
): Promise<void> {
  const keys = [...new Set(nationalNumbers)].sort();

  if (keys.length === 0) return;

  await unit.$executeRawUnsafe(
    'SELECT pg_advisory_xact_lock(key) FROM unnest($1::bigint[]) AS key',
    keys,
  );
}
