-- The old substring name search was its only user; GET /search/identities uses the word indexes.
-- pg_trgm stays installed, because dropping an extension is not needed to free the index.
DROP INDEX IF EXISTS "identities_full_name_trgm_idx";

-- An operator reading a whole identity record through GET /identities/:nationalNumber.
-- PostgreSQL accepts ADD VALUE in a transaction as long as nothing here uses the new value.
ALTER TYPE "lookup_kind" ADD VALUE IF NOT EXISTS 'read';

CREATE TYPE "lookup_caller" AS ENUM ('agency', 'operator');

-- Existing rows are agency lookups: verifications and releases are for agencies only.
ALTER TABLE "identity_lookups"
  ADD COLUMN "caller_kind" "lookup_caller" NOT NULL DEFAULT 'agency',
  ADD CONSTRAINT "identity_lookups_operator_has_no_agency"
    CHECK ("caller_kind" = 'agency' OR "service_id" IS NULL);
