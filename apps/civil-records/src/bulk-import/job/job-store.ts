import type { PrismaService, Tx } from '../../infrastructure/prisma.service';
import type { FileKind } from '../types';

import type { ImportFile, ImportJob, JobPhase, JobStatus } from './job-types';

interface JobRow {
  batch_size: number;
  created_at: Date;
  elapsed_ms: string;
  events_enqueued: string;
  finished_at: Date | null;
  heartbeat_at: Date | null;
  id: string;
  last_error: string | null;
  phase: JobPhase;
  started_by: string | null;
  status: JobStatus;
  updated_at: Date;
}

interface FileRow {
  accepted: number;
  byte_offset: string;
  done: boolean;
  existing: number;
  fingerprint: string;
  job_id: string;
  kind: FileKind;
  line_number: number;
  path: string;
  records_read: number;
  rejected: number;
  size_bytes: string;
}

/** The committed progress of a batch, added to its file's counters. */
export interface BatchProgress {
  accepted: number;
  byteOffset: number;
  done: boolean;
  elapsedMs: number;
  events: number;
  existing: number;
  lineNumber: number;
  read: number;
  rejected: number;
}

/** Another runner committed a batch of the same file first; this runner must stop. */
export class JobTakenOverError extends Error {
  readonly code = 'IMPORT_TAKEN_OVER';
}

export interface NewImportFile {
  fingerprint: string;
  kind: FileKind;
  path: string;
  sizeBytes: number;
}

/** Creates a job over `files` for client `startedBy`, with its files at their first line. */
export async function createJob(
  prisma: PrismaService,
  batchSize: number,
  files: readonly NewImportFile[],
  startedBy: string,
): Promise<ImportJob> {
  const jobId = await prisma.transaction(async (tx) => {
    const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO bulk_import_jobs (batch_size, heartbeat_at, started_by) VALUES ($1, now(), $2)
       RETURNING id::text AS id`,
      batchSize,
      startedBy,
    );
    const id = (rows[0] as { id: string }).id;

    await tx.$executeRawUnsafe(
      `INSERT INTO bulk_import_files (job_id, kind, path, size_bytes, fingerprint)
       SELECT $1::bigint, u.kind, u.path, u.size_bytes, u.fingerprint
       FROM unnest($2::text[], $3::text[], $4::bigint[], $5::text[]) AS u(kind, path, size_bytes, fingerprint)`,
      id,
      files.map((file) => file.kind),
      files.map((file) => file.path),
      files.map((file) => file.sizeBytes),
      files.map((file) => file.fingerprint),
    );

    return id;
  });

  return (await findJob(prisma, jobId)) as ImportJob;
}

export async function findJob(
  prisma: PrismaService | Tx,
  id: string,
): Promise<ImportJob | undefined> {
  const jobs = await prisma.$queryRawUnsafe<JobRow[]>(
    `SELECT id::text AS id, status, phase, batch_size, events_enqueued::text AS events_enqueued,
       elapsed_ms::text AS elapsed_ms, last_error, heartbeat_at, created_at, updated_at, finished_at,
       started_by
     FROM bulk_import_jobs WHERE id = $1::bigint`,
    id,
  );
  const job = jobs[0];

  if (!job) return undefined;

  const files = await prisma.$queryRawUnsafe<FileRow[]>(
    `SELECT job_id::text AS job_id, kind, path, size_bytes::text AS size_bytes, fingerprint,
       byte_offset::text AS byte_offset, line_number, records_read, accepted, existing, rejected, done
     FROM bulk_import_files WHERE job_id = $1::bigint ORDER BY kind DESC`,
    id,
  );

  return toJob(job, files);
}

/**
 * Finds the latest job over the same files that has not completed, so that running the same
 * import again resumes it. Files match by path and fingerprint.
 */
export async function findUnfinishedJob(
  prisma: PrismaService,
  files: readonly NewImportFile[],
): Promise<ImportJob | undefined> {
  const rows = await prisma.$queryRawUnsafe<{ id: string }[]>(
    `SELECT j.id::text AS id FROM bulk_import_jobs j
     WHERE j.status <> 'completed'
       AND (SELECT count(*) FROM bulk_import_files f WHERE f.job_id = j.id) = $1
       AND NOT EXISTS (
         SELECT 1 FROM bulk_import_files f
         LEFT JOIN unnest($2::text[], $3::text[], $4::text[]) AS u(kind, path, fingerprint)
           ON u.kind = f.kind AND u.path = f.path AND u.fingerprint = f.fingerprint
         WHERE f.job_id = j.id AND u.kind IS NULL)
     ORDER BY j.id DESC LIMIT 1`,
    files.length,
    files.map((file) => file.kind),
    files.map((file) => file.path),
    files.map((file) => file.fingerprint),
  );
  const id = rows[0]?.id;

  return id === undefined ? undefined : findJob(prisma, id);
}

/** Marks the job running with a fresh heartbeat, clearing the error of a failed run. */
export async function markRunning(prisma: PrismaService, id: string): Promise<void> {
  await prisma.$executeRawUnsafe(
    `UPDATE bulk_import_jobs SET status = 'running', last_error = NULL, heartbeat_at = now(),
       updated_at = now() WHERE id = $1::bigint`,
    id,
  );
}

/**
 * Moves a file's committed position from `fromOffset` to the batch's end and adds the batch's
 * counts, inside the batch's transaction. Fails with JobTakenOverError when the stored offset
 * is no longer `fromOffset`; the row lock makes a second runner wait here and then fail.
 */
export async function commitBatch(
  tx: Tx,
  id: string,
  kind: FileKind,
  fromOffset: number,
  progress: BatchProgress,
): Promise<void> {
  const updated = await tx.$executeRawUnsafe(
    `UPDATE bulk_import_files SET byte_offset = $4, line_number = $5, records_read = records_read + $6,
       accepted = accepted + $7, existing = existing + $8, rejected = rejected + $9, done = $10
     WHERE job_id = $1::bigint AND kind = $2 AND byte_offset = $3`,
    id,
    kind,
    fromOffset,
    progress.byteOffset,
    progress.lineNumber,
    progress.read,
    progress.accepted,
    progress.existing,
    progress.rejected,
    progress.done,
  );

  if (updated !== 1) {
    throw new JobTakenOverError(
      `import ${id} was advanced past byte ${fromOffset} of its ${kind} file by another runner`,
    );
  }

  await tx.$executeRawUnsafe(
    `UPDATE bulk_import_jobs SET events_enqueued = events_enqueued + $2, elapsed_ms = elapsed_ms + $3,
       phase = CASE WHEN $4 AND $5 = 'persons' AND EXISTS (
           SELECT 1 FROM bulk_import_files WHERE job_id = $1::bigint AND kind = 'families')
         THEN 'families' WHEN $4 THEN 'done' ELSE phase END,
       heartbeat_at = now(), updated_at = now()
     WHERE id = $1::bigint`,
    id,
    progress.events,
    Math.round(progress.elapsedMs),
    progress.done,
    kind,
  );
}

/** Ends a run: `completed`, `stopped` or `failed` with the error that stopped it. */
export async function endRun(
  prisma: PrismaService,
  id: string,
  status: Exclude<JobStatus, 'running'>,
  error: string | null = null,
): Promise<void> {
  await prisma.$executeRawUnsafe(
    `UPDATE bulk_import_jobs SET status = $2, last_error = $3, updated_at = now(),
       finished_at = CASE WHEN $2 = 'completed' THEN now() ELSE finished_at END
     WHERE id = $1::bigint`,
    id,
    status,
    error,
  );
}

function toJob(job: JobRow, files: readonly FileRow[]): ImportJob {
  return {
    batchSize: job.batch_size,
    createdAt: job.created_at,
    elapsedMs: Number(job.elapsed_ms),
    eventsEnqueued: Number(job.events_enqueued),
    files: files.map(toFile),
    finishedAt: job.finished_at,
    heartbeatAt: job.heartbeat_at,
    id: job.id,
    lastError: job.last_error,
    phase: job.phase,
    startedBy: job.started_by,
    status: job.status,
    updatedAt: job.updated_at,
  };
}

function toFile(row: FileRow): ImportFile {
  return {
    accepted: row.accepted,
    byteOffset: Number(row.byte_offset),
    done: row.done,
    existing: row.existing,
    fingerprint: row.fingerprint,
    kind: row.kind,
    lineNumber: row.line_number,
    path: row.path,
    recordsRead: row.records_read,
    rejected: row.rejected,
    sizeBytes: Number(row.size_bytes),
  };
}
