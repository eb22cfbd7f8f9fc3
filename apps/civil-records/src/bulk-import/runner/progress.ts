import type { Logger } from '@bitaqa/observability';

import type { BatchProgress } from '../job/job-store';
import type { ImportFile, ImportJob } from '../job/job-types';

/** Minimum time between two progress lines, so small batches do not flood the log. */
const LOG_INTERVAL_MS = 2000;

/**
 * Sums the batches of one file in one run and logs a progress line (records read, accepted,
 * existing, rejected, records per second, percent of the file) at most every two seconds and
 * at the end of the file.
 */
export class ProgressMeter {
  private readonly startedAt = performance.now();
  private lastLogAt = 0;
  private readonly totals: { accepted: number; existing: number; read: number; rejected: number };

  constructor(
    private readonly logger: Logger,
    private readonly job: ImportJob,
    private readonly file: ImportFile,
  ) {
    this.totals = {
      accepted: file.accepted,
      existing: file.existing,
      read: file.recordsRead,
      rejected: file.rejected,
    };
  }

  record(batch: BatchProgress): void {
    this.totals.accepted += batch.accepted;
    this.totals.existing += batch.existing;
    this.totals.read += batch.read;
    this.totals.rejected += batch.rejected;

    const now = performance.now();

    if (!batch.done && now - this.lastLogAt < LOG_INTERVAL_MS) return;

    this.lastLogAt = now;

    const runSeconds = (now - this.startedAt) / 1000;

    this.logger.info(
      {
        ...this.totals,
        file: this.file.kind,
        jobId: this.job.id,
        line: batch.lineNumber,
        percent: percentOf(batch.byteOffset, this.file.sizeBytes),
        recordsPerSecond: Math.round(
          (this.totals.read - this.file.recordsRead) / Math.max(runSeconds, 0.001),
        ),
      },
      batch.done ? 'import file finished' : 'import progress',
    );
  }
}

/** Share of the file committed, in percent with one decimal. */
export function percentOf(offset: number, size: number): number {
  return size === 0 ? 100 : Math.round((offset / size) * 1000) / 10;
}
