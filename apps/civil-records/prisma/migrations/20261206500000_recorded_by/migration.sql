-- Who made each change: the client id of the access token behind the request, or the bulk
-- import command line's `import-cli:<user>`. Journal and outbox rows are also written by
-- triggers and bulk statements, so their column defaults read the transaction-local setting
-- `civil.recorded_by` that PrismaService.transactionAs sets first. Rows written before this
-- migration, or outside such a transaction, keep NULL.
ALTER TABLE "person_changes"
  ADD COLUMN "recorded_by" TEXT DEFAULT NULLIF(current_setting('civil.recorded_by', true), '');
ALTER TABLE "outbox_events"
  ADD COLUMN "recorded_by" TEXT DEFAULT NULLIF(current_setting('civil.recorded_by', true), '');
ALTER TABLE "bulk_import_jobs" ADD COLUMN "started_by" TEXT;
ALTER TABLE "issued_extracts" ADD COLUMN "issued_by" TEXT;
