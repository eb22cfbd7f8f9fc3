import type { ImportFileView, ImportJobView } from '../dto/import-job.dto';
import { percentOf } from '../runner/progress';

import type { ImportFile, ImportJob } from './job-types';

/** A running job whose last batch committed longer ago than this has stalled. */
export const STALL_AFTER_MS = 60_000;

function toFileView(file: ImportFile): ImportFileView {
  return {
    accepted: file.accepted,
    byteOffset: file.byteOffset,
    done: file.done,
    existing: file.existing,
    kind: file.kind,
    lineNumber: file.lineNumber,
    path: file.path,
    percent: percentOf(file.byteOffset, file.sizeBytes),
    read: file.recordsRead,
    rejected: file.rejected,
    sizeBytes: file.sizeBytes,
  };
}

/** Returns true when a `running` job has committed no batch for longer than `STALL_AFTER_MS`. */
export function isStalled(job: ImportJob, now: Date): boolean {
  const beat = job.heartbeatAt?.getTime() ?? 0;

  return job.status === 'running' && now.getTime() - beat > STALL_AFTER_MS;
}

export function toJobView(job: ImportJob, now: Date = new Date()): ImportJobView {
  const persons = job.files.find((file) => file.kind === 'persons') as ImportFile;
  const families = job.files.find((file) => file.kind === 'families');
  const records = job.files.reduce((sum, file) => sum + file.recordsRead, 0);

  return {
    batchSize: job.batchSize,
    createdAt: job.createdAt.toISOString(),
    elapsedMs: job.elapsedMs,
    eventsEnqueued: job.eventsEnqueued,
    families: families ? toFileView(families) : null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    heartbeatAt: job.heartbeatAt?.toISOString() ?? null,
    id: job.id,
    lastError: job.lastError,
    phase: job.phase,
    persons: toFileView(persons),
    recordsPerSecond: job.elapsedMs === 0 ? 0 : Math.round((records * 1000) / job.elapsedMs),
    rejectReport: `/imports/${job.id}/rejects`,
    stalled: isStalled(job, now),
    startedBy: job.startedBy,
    status: job.status,
  };
}
