import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

import { errorFields, type Logger } from '@bitaqa/observability';

import type { PrismaService } from '../infrastructure/prisma.service';

import { applyBatch, type SeenInRun } from './legacy-batch';
import type { BatchOutcome, LegacyCardLine, Rejection } from './legacy-import.types';
import { addBatch, finishImport } from './legacy-import.store';
import { isLegacyHeader, parseLegacyLine } from './legacy-line';

/** Lines per transaction: large enough to keep round trips few, small enough to keep locks short. */
export const DEFAULT_BATCH_SIZE = 500;

export interface RunnerDependencies {
  logger: Logger;
  now: () => Date;
  prisma: PrismaService;
}

export interface RunOptions {
  batchSize: number;
  /** Checked between batches; true ends the run as failed, to be run again. */
  stopRequested?: () => boolean;
}

export interface RunTotals {
  imported: number;
  lines: number;
  rejected: number;
}

/** Thrown when the file does not start with the legacy header line. */
export class LegacyHeaderError extends Error {
  readonly code = 'BAD_LEGACY_HEADER';
}

/** Thrown between batches when the caller asked the run to stop. */
class StopRequested extends Error {}

/**
 * Reads a legacy card CSV file line by line and applies it in batches, one transaction each,
 * so memory stays flat on files of millions of lines. The run's counts commit with each batch.
 * A run that fails or stops can be started again on the same file: stored cards come back as
 * unchanged and only the rest is applied.
 */
export class LegacyImportRunner {
  constructor(private readonly deps: RunnerDependencies) {}

  async run(importId: string, path: string, options: RunOptions): Promise<void> {
    const { logger, now, prisma } = this.deps;

    logger.info({ importId, path }, 'legacy import started');
    try {
      const totals = await this.readFile(importId, path, options);

      await finishImport(prisma, importId, 'completed', now());
      logger.info({ importId, ...totals }, 'legacy import completed');
    } catch (error) {
      const message =
        error instanceof StopRequested
          ? 'stopped before the end of the file; run the import again to finish it'
          : (error as Error).message;

      await finishImport(prisma, importId, 'failed', now(), message);
      if (error instanceof StopRequested) logger.warn({ importId }, 'legacy import stopped');
      else logger.error({ err: errorFields(error), importId }, 'legacy import failed');
    }
  }

  private async readFile(importId: string, path: string, options: RunOptions): Promise<RunTotals> {
    const lines = createInterface({ crlfDelay: Infinity, input: createReadStream(path) });
    // NOTE: every card number and plate of the file stays in memory for duplicate checks,
    // roughly 100 bytes per line, so a file of 5 million lines needs about 500 MB of heap.
    const seen: SeenInRun = { cards: new Map(), plates: new Map() };
    const totals: RunTotals = { imported: 0, lines: 0, rejected: 0 };
    let batch: (LegacyCardLine | Rejection)[] = [];
    let lineNumber = 0;

    for await (const raw of lines) {
      lineNumber += 1;
      if (lineNumber === 1) {
        if (!isLegacyHeader(raw)) throw new LegacyHeaderError(`line 1 is not the legacy header`);
        continue;
      }
      if (raw.trim() === '') continue;
      batch.push(parseLegacyLine(raw, lineNumber));
      if (batch.length >= options.batchSize) {
        await this.flush(importId, batch, seen, totals, options);
        batch = [];
      }
    }
    if (lineNumber === 0) throw new LegacyHeaderError('the file is empty');
    if (batch.length > 0) await this.flush(importId, batch, seen, totals, options);

    return totals;
  }

  private async flush(
    importId: string,
    batch: (LegacyCardLine | Rejection)[],
    seen: SeenInRun,
    totals: RunTotals,
    options: RunOptions,
  ): Promise<void> {
    if (options.stopRequested?.()) throw new StopRequested();

    const outcome: BatchOutcome = await this.deps.prisma.transaction(async (tx) => {
      const applied = await applyBatch(tx, importId, batch, seen);

      await addBatch(tx, importId, batch.length, applied);

      return applied;
    });

    totals.lines += batch.length;
    totals.imported += outcome.imported;
    totals.rejected += outcome.rejections.length;
    this.deps.logger.info({ importId, ...totals }, 'legacy import progress');
  }
}
