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

-- Card numbers are issuer prefix 9760, an 11-digit serial from this sequence, and a Luhn check
-- digit. The sequence never cycles, so no serial (and no card number) is handed out twice.
CREATE SEQUENCE "card_serial_seq" AS BIGINT START WITH 1 MINVALUE 1 MAXVALUE 99999999999 NO CYCLE;

CREATE TYPE "card_status" AS ENUM (
  'requested', 'approved', 'queued', 'personalized', 'issued', 'active',
  'suspended', 'lost', 'stolen', 'expired', 'revoked', 'replaced'
);

CREATE TYPE "personalization_job_status" AS ENUM ('pending', 'completed', 'failed');

CREATE TABLE "cards" (
  "card_number" TEXT PRIMARY KEY CHECK ("card_number" ~ '^9760[0-9]{12}$'),
  "chip_serial" TEXT,
  "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "current_job_id" UUID,
  "expiry_date" DATE NOT NULL,
  "family_id" TEXT,
  "issue_date" DATE NOT NULL,
  "issued_at" TIMESTAMPTZ,
  "national_number" TEXT NOT NULL,
  "personalization_digest" TEXT,
  "personalization_failed" BOOLEAN NOT NULL DEFAULT false,
  "serial" BIGINT NOT NULL UNIQUE,
  "status" "card_status" NOT NULL,
  "status_reason" TEXT NOT NULL,
  "status_version" INTEGER NOT NULL CHECK ("status_version" > 0),
  "updated_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK ("expiry_date" > "issue_date")
);
CREATE INDEX "cards_national_number_idx" ON "cards" ("national_number");
CREATE INDEX "cards_status_card_number_idx" ON "cards" ("status", "card_number");

-- One live card per person: a new card is made only after the old one was revoked, replaced or
-- has expired.
CREATE UNIQUE INDEX "cards_one_live_card_per_person_idx" ON "cards" ("national_number")
  WHERE "status" NOT IN ('expired', 'revoked', 'replaced');

CREATE TABLE "card_events" (
  "actor" TEXT NOT NULL,
  "card_number" TEXT NOT NULL REFERENCES "cards" ("card_number"),
  "from_status" "card_status",
  "id" BIGSERIAL PRIMARY KEY,
  "occurred_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "reason" TEXT NOT NULL,
  "to_status" "card_status" NOT NULL,
  "version" INTEGER NOT NULL
);
CREATE UNIQUE INDEX "card_events_card_number_version_key" ON "card_events" ("card_number", "version");

CREATE TABLE "personalization_jobs" (
  "attempt" INTEGER NOT NULL CHECK ("attempt" > 0),
  "card_number" TEXT NOT NULL REFERENCES "cards" ("card_number"),
  "chip_serial" TEXT,
  "encoder_id" TEXT,
  "failure_code" TEXT,
  "failure_reason" TEXT,
  "finished_at" TIMESTAMPTZ,
  "job_id" UUID PRIMARY KEY,
  "requested_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "spoiled_cards" INTEGER NOT NULL DEFAULT 0,
  "status" "personalization_job_status" NOT NULL DEFAULT 'pending'
);
CREATE UNIQUE INDEX "personalization_jobs_card_number_attempt_key"
  ON "personalization_jobs" ("card_number", "attempt");

CREATE TABLE "identities" (
  "birth_date" DATE NOT NULL,
  "family_id" TEXT,
  "family_name_ar" TEXT NOT NULL,
  "family_name_latin" TEXT NOT NULL,
  "family_role" TEXT,
  "father_name_ar" TEXT NOT NULL,
  "given_name_ar" TEXT NOT NULL,
  "given_name_latin" TEXT NOT NULL,
  "governorate" TEXT NOT NULL,
  "mother_name_ar" TEXT NOT NULL,
  "national_number" TEXT PRIMARY KEY,
  "sex" TEXT NOT NULL,
  "status" TEXT NOT NULL,
  "updated_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "version" INTEGER NOT NULL
);
