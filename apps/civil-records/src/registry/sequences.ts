import { makeNationalNumber } from '@bitaqa/contracts';

import type { Tx } from '../infrastructure/prisma.service';

type SequenceTable = 'family_id_sequences' | 'national_number_sequences';

/**
 * Reserves `count` consecutive serials of one governorate and returns them. The row lock taken
 * by the update lasts until the transaction ends, so concurrent requests get disjoint ranges.
 * A rolled-back request releases its range, because no person with those numbers was committed.
 * Committed serials are never handed out again, even where an import skipped the row.
 */
async function reserveSerials(
  tx: Tx,
  table: SequenceTable,
  governorate: string,
  count: number,
): Promise<number[]> {
  const rows = await tx.$queryRawUnsafe<{ last_serial: number }[]>(
    `UPDATE ${table} SET last_serial = last_serial + $2 WHERE governorate = $1 RETURNING last_serial`,
    governorate,
    count,
  );
  const last = rows[0]?.last_serial;

  if (last === undefined) throw new Error(`${table} has no row for governorate ${governorate}`);

  return Array.from({ length: count }, (_, offset) => last - count + 1 + offset);
}

/** Counts the items per governorate, in governorate order so that locks are taken in one order. */
function countByGovernorate(governorates: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();

  for (const governorate of governorates) {
    counts.set(governorate, (counts.get(governorate) ?? 0) + 1);
  }

  return [...counts].sort(([a], [b]) => a.localeCompare(b));
}

/** Hands out each governorate's pool in order, one value per entry of `governorates`. */
function takeInOrder(pools: Map<string, string[]>, governorates: readonly string[]): string[] {
  const next = new Map<string, number>();

  return governorates.map((governorate) => {
    const position = next.get(governorate) ?? 0;

    next.set(governorate, position + 1);

    return pools.get(governorate)?.[position] as string;
  });
}

/**
 * Allocates one new national number per entry of `governorates` (registration governorate
 * p-codes), returned in the same order.
 */
export async function allocateNationalNumbers(
  tx: Tx,
  governorates: readonly string[],
): Promise<string[]> {
  const pools = new Map<string, string[]>();

  for (const [governorate, count] of countByGovernorate(governorates)) {
    const serials = await reserveSerials(tx, 'national_number_sequences', governorate, count);
    const governorateNumber = Number(governorate.slice(2));

    pools.set(
      governorate,
      serials.map((serial) => makeNationalNumber(governorateNumber, serial)),
    );
  }

  return takeInOrder(pools, governorates);
}

/** Allocates one family id (`FAM-SY03-000042`) per entry of `governorates`, in the same order. */
export async function allocateFamilyIds(
  tx: Tx,
  governorates: readonly string[],
): Promise<string[]> {
  const pools = new Map<string, string[]>();

  for (const [governorate, count] of countByGovernorate(governorates)) {
    const serials = await reserveSerials(tx, 'family_id_sequences', governorate, count);

    pools.set(
      governorate,
      serials.map((serial) => `FAM-${governorate}-${String(serial).padStart(6, '0')}`),
    );
  }

  return takeInOrder(pools, governorates);
}
