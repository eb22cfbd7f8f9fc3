import type { Tx } from '../../infrastructure/prisma.service';
import type { FileKind, RejectEntry } from '../types';

/** Lines on which the job took each of `keys` before, for the keys it took. */
export async function loadKeyLines(
  tx: Tx,
  jobId: string,
  kind: FileKind,
  keys: readonly string[],
): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();

  const rows = await tx.$queryRawUnsafe<{ key: string; line_number: number }[]>(
    `SELECT k.key, k.line_number FROM unnest($3::text[]) AS u(key)
     CROSS JOIN LATERAL (SELECT key, line_number FROM bulk_import_keys
       WHERE job_id = $1::bigint AND kind = $2 AND key = u.key) k`,
    jobId,
    kind,
    [...new Set(keys)],
  );

  return new Map(rows.map((row) => [row.key, row.line_number]));
}

export async function insertKeys(
  tx: Tx,
  jobId: string,
  kind: FileKind,
  entries: readonly { key: string; line: number }[],
): Promise<void> {
  if (entries.length === 0) return;

  await tx.$executeRawUnsafe(
    `INSERT INTO bulk_import_keys (job_id, kind, key, line_number)
     SELECT $1::bigint, $2, x.key, x.line FROM json_to_recordset($3::json) AS x(key text, line int)`,
    jobId,
    kind,
    JSON.stringify(entries),
  );
}

export async function insertRejects(
  tx: Tx,
  jobId: string,
  kind: FileKind,
  rejects: readonly RejectEntry[],
): Promise<void> {
  if (rejects.length === 0) return;

  await tx.$executeRawUnsafe(
    `INSERT INTO bulk_import_rejects (job_id, kind, line_number, column_name, value, code, message)
     SELECT $1::bigint, $2, x.line, x."column", x.value, x.code, x.message
     FROM json_to_recordset($3::json) AS x(line int, "column" text, value text, code text, message text)`,
    jobId,
    kind,
    JSON.stringify(rejects),
  );
}
