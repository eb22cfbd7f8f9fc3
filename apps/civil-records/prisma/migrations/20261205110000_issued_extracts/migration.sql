-- Every civil status extract and family sheet issued, so that a clerk can look up a printed
-- serial and compare the document and its SHA-256 with what was issued. The id is the serial
-- number printed as EX-<10 digits>.
CREATE TABLE "issued_extracts" (
  "id" BIGSERIAL NOT NULL,
  "document_type" TEXT NOT NULL,
  "subject" TEXT NOT NULL,
  "issued_on" DATE NOT NULL,
  "sha256" TEXT NOT NULL,
  "document" JSONB NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "issued_extracts_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "issued_extracts_document_type" CHECK ("document_type" IN ('civil-status-extract', 'family-sheet')),
  CONSTRAINT "issued_extracts_sha256_format" CHECK ("sha256" ~ '^[0-9a-f]{64}$')
);
CREATE INDEX "issued_extracts_subject_idx" ON "issued_extracts" ("subject");
