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

-- Civil records.
CREATE TYPE "sex" AS ENUM ('F', 'M');
CREATE TYPE "family_role" AS ENUM ('child', 'head', 'wife');
CREATE TYPE "marriage_status" AS ENUM ('active', 'divorced', 'widowed');

CREATE TABLE "persons" (
  "national_number" TEXT NOT NULL,
  "external_ref" TEXT,
  "given_name_ar" TEXT NOT NULL,
  "father_name_ar" TEXT NOT NULL,
  "grandfather_name_ar" TEXT,
  "family_name_ar" TEXT NOT NULL,
  "mother_name_ar" TEXT NOT NULL,
  "sex" "sex" NOT NULL,
  "birth_date" DATE NOT NULL,
  "birth_place" TEXT NOT NULL,
  "registration_governorate" TEXT NOT NULL,
  "father_national_number" TEXT,
  "mother_national_number" TEXT,
  "date_of_death" DATE,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "persons_pkey" PRIMARY KEY ("national_number"),
  CONSTRAINT "persons_national_number_format" CHECK ("national_number" ~ '^[0-9]{11}$'),
  CONSTRAINT "persons_registration_governorate_format" CHECK ("registration_governorate" ~ '^SY(0[1-9]|1[0-4])$'),
  CONSTRAINT "persons_death_after_birth" CHECK ("date_of_death" IS NULL OR "date_of_death" >= "birth_date")
);
CREATE UNIQUE INDEX "persons_external_ref_key" ON "persons" ("external_ref");
CREATE INDEX "persons_father_national_number_idx" ON "persons" ("father_national_number");
CREATE INDEX "persons_mother_national_number_idx" ON "persons" ("mother_national_number");

CREATE TABLE "families" (
  "family_id" TEXT NOT NULL,
  "governorate" TEXT NOT NULL,
  "head_national_number" TEXT NOT NULL,
  "version" INTEGER NOT NULL DEFAULT 1,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "families_pkey" PRIMARY KEY ("family_id"),
  CONSTRAINT "families_version_positive" CHECK ("version" >= 1),
  CONSTRAINT "families_family_id_format" CHECK ("family_id" ~ '^FAM-SY[0-9]{2}-[0-9]{6,}$')
);
CREATE UNIQUE INDEX "families_head_national_number_key" ON "families" ("head_national_number");

CREATE TABLE "family_members" (
  "id" BIGSERIAL NOT NULL,
  "family_id" TEXT NOT NULL,
  "national_number" TEXT NOT NULL,
  "role" "family_role" NOT NULL,
  "joined_on" DATE NOT NULL,
  "left_on" DATE,
  CONSTRAINT "family_members_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "family_members_family_id_idx" ON "family_members" ("family_id");
CREATE INDEX "family_members_national_number_idx" ON "family_members" ("national_number");
-- A person is a current member of one family at most once.
CREATE UNIQUE INDEX "family_members_current_key" ON "family_members" ("family_id", "national_number") WHERE "left_on" IS NULL;

CREATE TABLE "marriages" (
  "id" BIGSERIAL NOT NULL,
  "husband_national_number" TEXT NOT NULL,
  "wife_national_number" TEXT NOT NULL,
  "family_id" TEXT NOT NULL,
  "date" DATE NOT NULL,
  "status" "marriage_status" NOT NULL DEFAULT 'active',
  "ended_on" DATE,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "marriages_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "marriages_husband_national_number_idx" ON "marriages" ("husband_national_number");
CREATE INDEX "marriages_wife_national_number_idx" ON "marriages" ("wife_national_number");
-- A woman is in one active marriage at most.
CREATE UNIQUE INDEX "marriages_active_wife_key" ON "marriages" ("wife_national_number") WHERE "status" = 'active';

CREATE TABLE "national_number_sequences" (
  "governorate" TEXT NOT NULL,
  "last_serial" INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT "national_number_sequences_pkey" PRIMARY KEY ("governorate")
);

CREATE TABLE "family_id_sequences" (
  "governorate" TEXT NOT NULL,
  "last_serial" INTEGER NOT NULL DEFAULT 0,
  CONSTRAINT "family_id_sequences_pkey" PRIMARY KEY ("governorate")
);

INSERT INTO "national_number_sequences" ("governorate")
SELECT 'SY' || lpad(n::text, 2, '0') FROM generate_series(1, 14) AS n;
INSERT INTO "family_id_sequences" ("governorate")
SELECT 'SY' || lpad(n::text, 2, '0') FROM generate_series(1, 14) AS n;

ALTER TABLE "family_members" ADD CONSTRAINT "family_members_family_id_fkey"
  FOREIGN KEY ("family_id") REFERENCES "families" ("family_id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "family_members" ADD CONSTRAINT "family_members_national_number_fkey"
  FOREIGN KEY ("national_number") REFERENCES "persons" ("national_number") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "marriages" ADD CONSTRAINT "marriages_family_id_fkey"
  FOREIGN KEY ("family_id") REFERENCES "families" ("family_id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "marriages" ADD CONSTRAINT "marriages_husband_national_number_fkey"
  FOREIGN KEY ("husband_national_number") REFERENCES "persons" ("national_number") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "marriages" ADD CONSTRAINT "marriages_wife_national_number_fkey"
  FOREIGN KEY ("wife_national_number") REFERENCES "persons" ("national_number") ON DELETE RESTRICT ON UPDATE CASCADE;
