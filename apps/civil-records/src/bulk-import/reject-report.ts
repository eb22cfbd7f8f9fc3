import type { PrismaService } from '../infrastructure/prisma.service';

import { quoteCsvValue } from './csv/csv-fields';

/** Header of the reject report: one line per problem, in file order. */
export const REJECT_REPORT_HEADER = 'file,line_number,column,value,code,message';

const PAGE_SIZE = 10_000;

interface RejectRow {
  code: string;
  column_name: string | null;
  id: string;
  kind: string;
  line_number: number;
  message: string;
  value: string | null;
}

/**
 * Yields the reject report of a job as CSV text, header first, a page of rows at a time, so a
 * report of millions of lines never sits in memory whole. Persons come before families, as the
 * job reads them, and each file's problems come in line order.
 */
export async function* rejectReport(prisma: PrismaService, jobId: string): AsyncGenerator<string> {
  yield `${REJECT_REPORT_HEADER}\n`;

  for (const kind of ['persons', 'families'] as const) {
    let after = { id: '0', line: -1 };

    for (;;) {
      const rows = await prisma.$queryRawUnsafe<RejectRow[]>(
        `SELECT id::text AS id, kind, line_number, column_name, value, code, message
         FROM bulk_import_rejects
         WHERE job_id = $1::bigint AND kind = $2 AND (line_number, id) > ($3::int, $4::bigint)
         ORDER BY line_number, id LIMIT ${PAGE_SIZE}`,
        jobId,
        kind,
        after.line,
        after.id,
      );

      if (rows.length === 0) break;

      yield rows.map(toCsvLine).join('');

      const last = rows[rows.length - 1] as RejectRow;

      after = { id: last.id, line: last.line_number };
    }
  }
}

function toCsvLine(row: RejectRow): string {
  const fields = [
    row.kind,
    String(row.line_number),
    row.column_name ?? '',
    row.value ?? '',
    row.code,
    row.message,
  ];

  return `${fields.map(quoteCsvValue).join(',')}\n`;
}
