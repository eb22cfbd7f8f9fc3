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

-- Trigram indexes make substring search over normalized Arabic names fast.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TYPE "family_role" AS ENUM ('child', 'head', 'wife');

CREATE TYPE "identity_status" AS ENUM ('active', 'deceased');

CREATE TYPE "sex" AS ENUM ('F', 'M');

CREATE TABLE "identities" (
  "national_number" CHAR(11) PRIMARY KEY CHECK ("national_number" ~ '^(0[1-9]|1[0-4])[0-9]{9}$'),
  "birth_date" DATE NOT NULL,
  "birth_place" TEXT NOT NULL,
  "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "date_of_death" DATE,
  "family_id" TEXT,
  "family_name_ar" TEXT NOT NULL,
  "family_name_latin" TEXT NOT NULL CHECK ("family_name_latin" ~ '^[A-Z][A-Z ]*$'),
  "family_name_normalized" TEXT NOT NULL,
  "family_role" "family_role",
  "father_name_ar" TEXT NOT NULL,
  "father_name_normalized" TEXT NOT NULL,
  "father_national_number" CHAR(11),
  "full_name_normalized" TEXT NOT NULL,
  "given_name_ar" TEXT NOT NULL,
  "given_name_latin" TEXT NOT NULL CHECK ("given_name_latin" ~ '^[A-Z][A-Z ]*$'),
  "given_name_normalized" TEXT NOT NULL,
  "governorate" CHAR(4) NOT NULL CHECK ("governorate" ~ '^SY(0[1-9]|1[0-4])$'),
  "grandfather_name_ar" TEXT,
  "mother_name_ar" TEXT NOT NULL,
  "mother_name_normalized" TEXT NOT NULL,
  "mother_national_number" CHAR(11),
  "sex" "sex" NOT NULL,
  "status" "identity_status" NOT NULL DEFAULT 'active',
  "updated_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "version" INTEGER NOT NULL CHECK ("version" >= 1),
  -- A family id and a role come together from one membership, or neither is known yet.
  CHECK (("family_id" IS NULL) = ("family_role" IS NULL)),
  CHECK (("status" = 'deceased') = ("date_of_death" IS NOT NULL))
);
CREATE INDEX "identities_family_id_idx" ON "identities" ("family_id");
CREATE INDEX "identities_family_role_idx" ON "identities" ("family_role");
CREATE INDEX "identities_full_name_trgm_idx" ON "identities" USING GIN ("full_name_normalized" gin_trgm_ops);

CREATE TABLE "families" (
  "family_id" TEXT PRIMARY KEY,
  "governorate" CHAR(4) NOT NULL,
  "head_national_number" CHAR(11) NOT NULL,
  "snapshot_at" TIMESTAMPTZ NOT NULL,
  "updated_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "version" INTEGER NOT NULL CHECK ("version" >= 1)
);

CREATE TABLE "family_memberships" (
  "family_id" TEXT NOT NULL REFERENCES "families" ("family_id") ON DELETE CASCADE,
  "national_number" CHAR(11) NOT NULL,
  "alive" BOOLEAN NOT NULL,
  "member_since" TIMESTAMPTZ NOT NULL,
  "role" "family_role" NOT NULL,
  PRIMARY KEY ("family_id", "national_number")
);
CREATE INDEX "family_memberships_national_number_idx" ON "family_memberships" ("national_number");

CREATE TABLE "verification_queries" (
  "id" BIGSERIAL PRIMARY KEY,
  "claimed_fields" TEXT[] NOT NULL,
  "correlation_id" TEXT,
  "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "matched" BOOLEAN NOT NULL,
  "mismatched_fields" TEXT[] NOT NULL,
  "national_number" CHAR(11) NOT NULL,
  "purpose" TEXT NOT NULL CHECK (length("purpose") BETWEEN 3 AND 200)
);
CREATE INDEX "verification_queries_national_number_created_at_idx"
  ON "verification_queries" ("national_number", "created_at");
