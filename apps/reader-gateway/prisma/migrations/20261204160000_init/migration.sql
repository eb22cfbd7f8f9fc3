-- Messaging tables shared by every app (outbox for publishing, inbox for consuming).
CREATE TABLE "outbox_events" (
  "id" BIGSERIAL PRIMARY KEY,
  "event_id" UUID NOT NULL UNIQUE,
  "topic" TEXT NOT NULL,
  "message_key" TEXT NOT NULL,
  "event_type" TEXT NOT NULL,
  "subject" TEXT,
  "payload" JSONB NOT NULL,
  "headers" JSONB NOT NULL DEFAULT '{}',
  "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "sent_at" TIMESTAMPTZ,
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "last_error" TEXT
);
CREATE INDEX "outbox_events_unsent_idx" ON "outbox_events" ("id") WHERE "sent_at" IS NULL;

CREATE TABLE "inbox_events" (
  "consumer_group" TEXT NOT NULL,
  "event_id" TEXT NOT NULL,
  "event_type" TEXT NOT NULL,
  "processed_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY ("consumer_group", "event_id")
);

-- Reader gateway.
CREATE TYPE "job_status" AS ENUM ('completed', 'failed', 'in_progress', 'queued');
CREATE TYPE "encoder_status" AS ENUM ('idle', 'offline', 'personalizing', 'waiting_for_card');
CREATE TYPE "card_outcome" AS ENUM ('failed', 'not_blank', 'personalized', 'removed', 'spoiled');

CREATE TABLE "personalization_jobs" (
  "job_id" UUID NOT NULL,
  "card_number" CHAR(16) NOT NULL,
  "personalization" JSONB NOT NULL,
  "requested_at" TIMESTAMPTZ(6) NOT NULL,
  "status" "job_status" NOT NULL DEFAULT 'queued',
  "encoder_id" TEXT,
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "spoiled_cards" INTEGER NOT NULL DEFAULT 0,
  "chip_serial" CHAR(16),
  "digest" CHAR(64),
  "failure_code" TEXT,
  "failure_reason" TEXT,
  "claimed_at" TIMESTAMPTZ(6),
  "finished_at" TIMESTAMPTZ(6),
  "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  CONSTRAINT "personalization_jobs_pkey" PRIMARY KEY ("job_id"),
  CONSTRAINT "personalization_jobs_card_number_check" CHECK ("card_number" ~ '^[0-9]{16}$'),
  CONSTRAINT "personalization_jobs_counts_check" CHECK ("attempts" >= 0 AND "spoiled_cards" >= 0)
);
CREATE INDEX "personalization_jobs_status_idx" ON "personalization_jobs" ("status", "created_at");

CREATE TABLE "card_attempts" (
  "id" BIGSERIAL NOT NULL,
  "job_id" UUID NOT NULL,
  "encoder_id" TEXT NOT NULL,
  "chip_serial" CHAR(16),
  "outcome" "card_outcome" NOT NULL,
  "error_code" TEXT,
  "step" TEXT,
  "reason" TEXT,
  "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  CONSTRAINT "card_attempts_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "card_attempts_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "personalization_jobs" ("job_id") ON DELETE RESTRICT ON UPDATE CASCADE
);
CREATE INDEX "card_attempts_job_idx" ON "card_attempts" ("job_id");

CREATE TABLE "encoders" (
  "id" TEXT NOT NULL,
  "reader_name" TEXT NOT NULL,
  "status" "encoder_status" NOT NULL DEFAULT 'offline',
  "current_job_id" UUID,
  "cards_personalized" INTEGER NOT NULL DEFAULT 0,
  "cards_spoiled" INTEGER NOT NULL DEFAULT 0,
  "last_error_code" TEXT,
  "last_error_message" TEXT,
  "last_error_at" TIMESTAMPTZ(6),
  "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT now(),
  CONSTRAINT "encoders_pkey" PRIMARY KEY ("id")
);
