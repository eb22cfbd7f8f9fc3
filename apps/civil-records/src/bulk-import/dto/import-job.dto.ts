import { z } from 'zod';

import type { JobPhase, JobStatus } from '../job/job-types';
import type { FileKind } from '../types';

/** Lines per batch transaction when a request does not choose. */
export const DEFAULT_BATCH_SIZE = 5000;

/** Body of `POST /imports`: files on the server, inside the import folder. */
export const startImportBody = z.strictObject({
  batchSize: z.number().int().min(1).max(50_000).default(DEFAULT_BATCH_SIZE),
  familiesPath: z.string().min(1).max(4096).optional(),
  personsPath: z.string().min(1).max(4096),
});

export type StartImportBody = z.infer<typeof startImportBody>;

export const importIdParams = z.object({
  id: z.string().regex(/^[1-9]\d{0,17}$/, 'import id must be a positive whole number'),
});

export interface ImportFileView {
  accepted: number;
  /** Bytes committed so far. */
  byteOffset: number;
  done: boolean;
  existing: number;
  kind: FileKind;
  /** Number of the last committed line; the header is line 1. */
  lineNumber: number;
  path: string;
  /** Share of the file's bytes committed, in percent. */
  percent: number;
  read: number;
  rejected: number;
  sizeBytes: number;
}

export interface ImportJobView {
  batchSize: number;
  createdAt: string;
  elapsedMs: number;
  eventsEnqueued: number;
  families: ImportFileView | null;
  finishedAt: string | null;
  heartbeatAt: string | null;
  id: string;
  lastError: string | null;
  phase: JobPhase;
  persons: ImportFileView;
  /** Records (persons lines and families) committed per second of batch time. */
  recordsPerSecond: number;
  /** Path of the reject report of this job. */
  rejectReport: string;
  /** True when the job is `running` but no batch has committed for a while, as after a crash. */
  stalled: boolean;
  /** Client id of the caller that created the job. */
  startedBy: string | null;
  status: JobStatus;
}

export interface StartImportResponse extends ImportJobView {
  /** True when the request resumed an unfinished job over the same files. */
  resumed: boolean;
}
