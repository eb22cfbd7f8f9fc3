import { errorFields, type Logger } from '@bitaqa/observability';

import type { PrismaService } from '../../infrastructure/prisma.service';
import { readFileInfo } from '../csv/file-info';
import { LineSource } from '../csv/line-source';
import { insertRejects } from '../job/job-records';
import {
  commitBatch,
  endRun,
  findJob,
  JobTakenOverError,
  markRunning,
  type BatchProgress,
} from '../job/job-store';
import type { ImportFile, ImportJob } from '../job/job-types';
import type { FileKind, RejectEntry } from '../types';

import type { ReadBatch } from './batch-reader';
import { familySteps, personSteps, type FileSteps } from './file-steps';
import { ProgressMeter } from './progress';
import { StatisticsRefresher } from './statistics';

export interface RunnerDependencies {
  logger: Logger;
  prisma: PrismaService;
  /** Client id that the rows of this run are recorded for (`recorded_by`). */
  recordedBy: string;
  /** Today's date in Damascus (YYYY-MM-DD); later dates in a file are rejected. */
  today: () => string;
}

/** Lets the owner of a run ask it to stop after the batch in progress. */
export interface StopSignal {
  stopRequested: boolean;
}

/** The input files changed since the job started, so its committed offsets mean nothing. */
export class ImportFileChangedError extends Error {
  readonly code = 'IMPORT_FILE_CHANGED';
}

/**
 * Runs an import job from its committed position to the end: the persons file, then the
 * families file, one transaction per batch. Each transaction contains the batch's rows and
 * outbox events, its rejected lines and the file's new offset. A crash therefore loses at most
 * the batch in progress, and a new run of the same job continues after the last committed line.
 */
export class ImportRunner {
  constructor(private readonly deps: RunnerDependencies) {}

  async run(jobId: string, signal: StopSignal = { stopRequested: false }): Promise<ImportJob> {
    const job = await findJob(this.deps.prisma, jobId);

    if (!job) throw new Error(`import job ${jobId} not found`);
    if (job.status === 'completed') return job;

    await markRunning(this.deps.prisma, jobId);
    this.deps.logger.info(
      { jobId, recordedBy: this.deps.recordedBy, status: job.status },
      'import run started',
    );

    try {
      const finished = await this.runFiles(job, signal);

      await endRun(this.deps.prisma, jobId, finished ? 'completed' : 'stopped');
      this.deps.logger.info(
        { jobId, status: finished ? 'completed' : 'stopped' },
        'import run ended',
      );
    } catch (error) {
      this.deps.logger.error({ err: errorFields(error), jobId }, 'import run failed');
      // A runner that lost the job to another leaves the job's status to that runner.
      if (!(error instanceof JobTakenOverError)) await this.recordFailure(jobId, error);
      throw error;
    }

    return (await findJob(this.deps.prisma, jobId)) as ImportJob;
  }

  private async recordFailure(jobId: string, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);

    try {
      await endRun(this.deps.prisma, jobId, 'failed', message);
    } catch (recordError) {
      this.deps.logger.error(
        { err: errorFields(recordError), jobId },
        'failed to record the failure of an import',
      );
    }
  }

  /** Returns false when the run stopped on request before the end. */
  private async runFiles(job: ImportJob, signal: StopSignal): Promise<boolean> {
    for (const file of job.files) {
      if (file.done) continue;
      if (!(await this.runFile(job, file, signal))) return false;
    }

    return true;
  }

  private async runFile(job: ImportJob, file: ImportFile, signal: StopSignal): Promise<boolean> {
    const info = await readFileInfo(file.path);

    if (info.fingerprint !== file.fingerprint) {
      throw new ImportFileChangedError(
        `${file.kind} file ${file.path} changed since the import started; start a new import`,
      );
    }

    return file.kind === 'persons'
      ? this.runBatches(job, file, personSteps(info.firstLine), signal)
      : this.runBatches(job, file, familySteps(info.firstLine), signal);
  }

  /** Reads and saves batches until the end of the file or a stop request. */
  private async runBatches<Item>(
    job: ImportJob,
    file: ImportFile,
    steps: FileSteps<Item>,
    signal: StopSignal,
  ): Promise<boolean> {
    const resuming = file.byteOffset > 0;
    const source = new LineSource(file.path, file.byteOffset, resuming ? file.lineNumber + 1 : 1);
    const meter = new ProgressMeter(this.deps.logger, job, file);
    const statistics = new StatisticsRefresher(this.deps.prisma, this.deps.logger);
    let committed = { byteOffset: file.byteOffset, lineNumber: file.lineNumber };

    // A file read from the start begins with its header, which personSteps or familySteps checked.
    if (!resuming) await source.next();

    try {
      let batchStart = performance.now();
      let next = this.prefetch(steps, source, job.batchSize);

      for (;;) {
        const batch = await next;

        // The next batch is read and checked while this one is written, which keeps the
        // database busy and lets parsing use the time spent waiting for it.
        if (!batch.reachedEnd && !signal.stopRequested) {
          next = this.prefetch(steps, source, job.batchSize);
        }

        const progress = await this.saveBatch(
          job.id,
          file.kind,
          committed,
          batch,
          steps,
          batchStart,
        );

        batchStart = performance.now();
        meter.record(progress);
        committed = progress;
        await statistics.afterBatch();
        if (batch.reachedEnd) return true;
        if (signal.stopRequested) return false;
      }
    } finally {
      await source.close();
    }
  }

  /**
   * Starts reading the next batch. A failed read is caught here so that it is not reported as
   * unhandled when the run stops first; awaiting the returned promise still throws.
   */
  private prefetch<Item>(
    steps: FileSteps<Item>,
    source: LineSource,
    size: number,
  ): Promise<ReadBatch<Item>> {
    const read = steps.read(source, size, this.deps.today());

    read.catch(() => undefined);

    return read;
  }

  /** Saves one batch, its rejected lines and the file's new position in one transaction. */
  private saveBatch<Item>(
    jobId: string,
    kind: FileKind,
    committed: { byteOffset: number; lineNumber: number },
    batch: ReadBatch<Item>,
    steps: FileSteps<Item>,
    started: number,
  ): Promise<BatchProgress> {
    return this.deps.prisma.transactionAs(this.deps.recordedBy, async (tx) => {
      const rejects: RejectEntry[] = [...batch.rejects];
      const saved = await steps.save(tx, jobId, batch.items, rejects);
      const progress: BatchProgress = {
        accepted: saved.accepted,
        byteOffset: batch.lastLine?.endOffset ?? committed.byteOffset,
        done: batch.reachedEnd,
        elapsedMs: performance.now() - started,
        events: saved.events,
        existing: saved.existing,
        lineNumber: batch.lastLine?.number ?? committed.lineNumber,
        read: batch.read,
        rejected: batch.read - saved.accepted - saved.existing,
      };

      await insertRejects(tx, jobId, kind, rejects);
      await commitBatch(tx, jobId, kind, committed.byteOffset, progress);

      return progress;
    });
  }
}
