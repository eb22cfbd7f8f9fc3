import type { Tx } from '../infrastructure/prisma.service';

type SequenceTable = 'family_id_sequences' | 'national_number_sequences';

/** Largest serial per governorate p-code among `entries`. */
export function maxSerials(
  entries: Iterable<{ governorate: string; serial: number }>,
): Map<string, number> {
  const max = new Map<string, number>();

  for (const { governorate, serial } of entries) {
    if (serial > (max.get(governorate) ?? -1)) max.set(governorate, serial);
  }

  return max;
}

/**
 * Raises each governorate's last issued serial to at least the largest imported one, so a later
 * birth or marriage never issues a number the old register already used. The rows are locked in
 * governorate order, as the allocators in registry/sequences.ts lock them, and stay locked until
 * the batch commits. A birth running at the same time has either committed its number first, so
 * the import row conflicts with it, or it waits and then allocates past the imported serials.
 */
export async function raiseSequences(
  tx: Tx,
  table: SequenceTable,
  serials: ReadonlyMap<string, number>,
): Promise<void> {
  if (serials.size === 0) return;

  const entries = [...serials].sort(([a], [b]) => a.localeCompare(b));
  const governorates = entries.map(([governorate]) => governorate);

  await tx.$queryRawUnsafe(
    `SELECT governorate FROM ${table} WHERE governorate = ANY($1::text[])
     ORDER BY governorate FOR UPDATE`,
    governorates,
  );
  await tx.$executeRawUnsafe(
    `UPDATE ${table} s SET last_serial = GREATEST(s.last_serial, u.serial)
     FROM unnest($1::text[], $2::int[]) AS u(governorate, serial)
     WHERE s.governorate = u.governorate`,
    governorates,
    entries.map(([, serial]) => serial),
  );
}
