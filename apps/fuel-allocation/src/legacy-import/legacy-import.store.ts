import { randomUUID } from 'node:crypto';

import type { PrismaService, Tx } from '../infrastructure/prisma.service';
import { csvCell } from '../reports/csv';

import type {
  BatchOutcome,
  ImportStatus,
  LegacyImportView,
  Rejection,
  RejectionReason,
} from './legacy-import.types';

/** Creates the record of a new run in `running` status and returns its id. */
export async function createImport(
  prisma: PrismaService,
  path: string,
  now: Date,
): Promise<string> {
  const id = randomUUID();

  await prisma.legacyImport.create({ data: { id, path, startedAt: now, status: 'running' } });

  return id;
}

/** Adds one committed batch to the run's counts, in the batch's transaction. */
export async function addBatch(tx: Tx, importId: string, lines: number, outcome: BatchOutcome) {
  await tx.legacyImport.update({
    data: {
      imported: { increment: outcome.imported },
      lines: { increment: lines },
      rejected: { increment: outcome.rejections.length },
      unchanged: { increment: outcome.unchanged },
      vehiclesCreated: { increment: outcome.vehiclesCreated },
    },
    where: { id: importId },
  });
}

export async function finishImport(
  prisma: PrismaService,
  importId: string,
  status: Exclude<ImportStatus, 'running'>,
  finishedAt: Date,
  error: string | null = null,
): Promise<void> {
  await prisma.legacyImport.update({
    data: { error: error?.slice(0, 500) ?? null, finishedAt, status },
    where: { id: importId },
  });
}

/** Returns the run with its rejection counts per reason, or undefined for an unknown id. */
export async function findImport(
  prisma: PrismaService,
  importId: string,
): Promise<LegacyImportView | undefined> {
  const row = await prisma.legacyImport.findUnique({ where: { id: importId } });

  if (!row) return undefined;

  const reasons = await prisma.legacyImportRejection.groupBy({
    _count: { _all: true },
    by: ['reason'],
    orderBy: { reason: 'asc' },
    where: { importId },
  });

  return {
    error: row.error,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    importId: row.id,
    imported: row.imported,
    lines: row.lines,
    path: row.path,
    rejected: row.rejected,
    rejections: Object.fromEntries(
      reasons.map((entry) => [entry.reason as RejectionReason, entry._count._all]),
    ),
    startedAt: row.startedAt.toISOString(),
    status: row.status as ImportStatus,
    unchanged: row.unchanged,
    vehiclesCreated: row.vehiclesCreated,
  };
}

/** Lists a run's rejections in line order. */
export async function listRejections(
  prisma: PrismaService,
  importId: string,
  limit: number,
  afterLine = 0,
): Promise<Rejection[]> {
  const rows = await prisma.legacyImportRejection.findMany({
    orderBy: { lineNumber: 'asc' },
    take: limit,
    where: { importId, lineNumber: { gt: afterLine } },
  });

  return rows.map((row) => ({
    detail: row.detail,
    legacyCardNumber: row.legacyCardNumber,
    line: row.line,
    lineNumber: row.lineNumber,
    reason: row.reason as RejectionReason,
  }));
}

export const REJECTION_COLUMNS = [
  'lineNumber',
  'reason',
  'legacyCardNumber',
  'detail',
  'line',
] as const satisfies readonly (keyof Rejection)[];

/** Yields the rejection report as CSV text, one page of rows at a time. */
export async function* rejectionCsv(
  prisma: PrismaService,
  importId: string,
  pageSize = 5_000,
): AsyncGenerator<string> {
  let afterLine = 0;

  yield `${REJECTION_COLUMNS.join(',')}\r\n`;
  for (;;) {
    const page = await listRejections(prisma, importId, pageSize, afterLine);

    if (page.length === 0) return;
    yield page
      .map((entry) => `${REJECTION_COLUMNS.map((column) => csvCell(entry[column])).join(',')}\r\n`)
      .join('');
    afterLine = page.at(-1)?.lineNumber ?? afterLine;
  }
}
