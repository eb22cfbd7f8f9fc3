-- Bulk import of the existing register from CSV files. A job reads a persons file, then a
-- families file, in batches; each batch commits its rows, its outbox events, its rejected lines
-- and the file's new offset in one transaction, so a job restarted after a crash resumes at the
-- first uncommitted line.
CREATE TABLE "bulk_import_jobs" (
  "id" BIGSERIAL NOT NULL,
  "status" TEXT NOT NULL DEFAULT 'running',
  "phase" TEXT NOT NULL DEFAULT 'persons',
  "batch_size" INTEGER NOT NULL,
  "events_enqueued" BIGINT NOT NULL DEFAULT 0,
  "elapsed_ms" BIGINT NOT NULL DEFAULT 0,
  "last_error" TEXT,
  "heartbeat_at" TIMESTAMPTZ(3),
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "finished_at" TIMESTAMPTZ(3),
  CONSTRAINT "bulk_import_jobs_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "bulk_import_jobs_status_check" CHECK ("status" IN ('running', 'stopped', 'completed', 'failed')),
  CONSTRAINT "bulk_import_jobs_phase_check" CHECK ("phase" IN ('persons', 'families', 'done')),
  CONSTRAINT "bulk_import_jobs_batch_size_check" CHECK ("batch_size" BETWEEN 1 AND 50000)
);

-- One input file of a job with its committed position: `byte_offset` is just past the last
-- committed line and `line_number` is that line's number (the header is line 1).
CREATE TABLE "bulk_import_files" (
  "job_id" BIGINT NOT NULL,
  "kind" TEXT NOT NULL,
  "path" TEXT NOT NULL,
  "size_bytes" BIGINT NOT NULL,
  "fingerprint" TEXT NOT NULL,
  "byte_offset" BIGINT NOT NULL DEFAULT 0,
  "line_number" INTEGER NOT NULL DEFAULT 0,
  "records_read" INTEGER NOT NULL DEFAULT 0,
  "accepted" INTEGER NOT NULL DEFAULT 0,
  "existing" INTEGER NOT NULL DEFAULT 0,
  "rejected" INTEGER NOT NULL DEFAULT 0,
  "done" BOOLEAN NOT NULL DEFAULT false,
  CONSTRAINT "bulk_import_files_pkey" PRIMARY KEY ("job_id", "kind"),
  CONSTRAINT "bulk_import_files_kind_check" CHECK ("kind" IN ('persons', 'families'))
);

-- One problem found on one line of an input file; a line may have several.
CREATE TABLE "bulk_import_rejects" (
  "id" BIGSERIAL NOT NULL,
  "job_id" BIGINT NOT NULL,
  "kind" TEXT NOT NULL,
  "line_number" INTEGER NOT NULL,
  "column_name" TEXT,
  "value" TEXT,
  "code" TEXT NOT NULL,
  "message" TEXT NOT NULL,
  CONSTRAINT "bulk_import_rejects_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "bulk_import_rejects_job_id_idx" ON "bulk_import_rejects" ("job_id", "kind", "line_number");

-- Keys a job has taken from its files, with the line they came from, so that a key repeated
-- later in the same file is reported as a duplicate. Persons inserted by a job are found
-- through their external_ref instead and are not listed here.
CREATE TABLE "bulk_import_keys" (
  "job_id" BIGINT NOT NULL,
  "kind" TEXT NOT NULL,
  "key" TEXT NOT NULL,
  "line_number" INTEGER NOT NULL,
  CONSTRAINT "bulk_import_keys_pkey" PRIMARY KEY ("job_id", "kind", "key")
);

ALTER TABLE "bulk_import_files" ADD CONSTRAINT "bulk_import_files_job_id_fkey"
  FOREIGN KEY ("job_id") REFERENCES "bulk_import_jobs" ("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "bulk_import_rejects" ADD CONSTRAINT "bulk_import_rejects_job_id_fkey"
  FOREIGN KEY ("job_id") REFERENCES "bulk_import_jobs" ("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "bulk_import_keys" ADD CONSTRAINT "bulk_import_keys_job_id_fkey"
  FOREIGN KEY ("job_id") REFERENCES "bulk_import_jobs" ("id") ON DELETE CASCADE ON UPDATE CASCADE;
