import type { FileKind } from '../types';

/** `stopped` and `failed` jobs resume when run again; `completed` ones are final. */
export type JobStatus = 'completed' | 'failed' | 'running' | 'stopped';

export type JobPhase = 'done' | 'families' | 'persons';

/** One input file of a job and its committed position and counts. */
export interface ImportFile {
  accepted: number;
  /** Byte just past the last committed line. */
  byteOffset: number;
  done: boolean;
  existing: number;
  fingerprint: string;
  kind: FileKind;
  /** Number of the last committed line; the header is line 1, and 0 means nothing committed. */
  lineNumber: number;
  path: string;
  /** Data lines of a persons file; families, plus lines naming no readable family, of a families file. */
  recordsRead: number;
  rejected: number;
  sizeBytes: number;
}

export interface ImportJob {
  batchSize: number;
  createdAt: Date;
  /** Milliseconds spent in batches over every run of the job. */
  elapsedMs: number;
  eventsEnqueued: number;
  files: ImportFile[];
  finishedAt: Date | null;
  heartbeatAt: Date | null;
  id: string;
  lastError: string | null;
  phase: JobPhase;
  /** Client id of the caller that created the job, or null for jobs before token checks. */
  startedBy: string | null;
  status: JobStatus;
  updatedAt: Date;
}
