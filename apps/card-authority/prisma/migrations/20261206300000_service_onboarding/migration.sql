-- Service onboarding: agencies' applications (which become the services once approved), the
-- recorded runs that provision, suspend, reinstate or revoke a service step by step, and the
-- card's service slot files assigned to services.

CREATE TYPE "service_status" AS ENUM (
  'submitted', 'rejected', 'provisioning', 'active', 'suspended', 'revoked'
);

CREATE TYPE "service_operation_kind" AS ENUM ('provision', 'suspend', 'reinstate', 'revoke');

CREATE TYPE "service_operation_status" AS ENUM ('running', 'failed', 'completed', 'superseded');

CREATE TYPE "service_step_status" AS ENUM ('pending', 'done', 'failed', 'skipped');

CREATE TABLE "service_applications" (
  "id" UUID PRIMARY KEY,
  "service_id" TEXT NOT NULL CHECK ("service_id" ~ '^[a-z][a-z0-9-]{2,62}$'),
  "name" TEXT NOT NULL,
  "agency" TEXT NOT NULL,
  "purpose_code" TEXT NOT NULL,
  "purpose_text" TEXT NOT NULL,
  "attributes" TEXT[] NOT NULL,
  "topic_domain" TEXT NOT NULL,
  "read_topics" TEXT[] NOT NULL,
  "write_topics" TEXT[] NOT NULL,
  "slot_size_bytes" INTEGER NOT NULL CHECK ("slot_size_bytes" >= 0),
  "needs_own_key" BOOLEAN NOT NULL,
  "contact" JSONB NOT NULL,
  "security_level" INTEGER NOT NULL CHECK ("security_level" BETWEEN 1 AND 3),
  "status" "service_status" NOT NULL,
  "status_reason" TEXT,
  "checks" JSONB NOT NULL,
  "checked_at" TIMESTAMPTZ NOT NULL,
  "submitted_by" TEXT NOT NULL,
  "decided_at" TIMESTAMPTZ,
  "decided_by" TEXT,
  "decision_reason" TEXT,
  "client_id" TEXT,
  "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "updated_at" TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX "service_applications_service_id_idx" ON "service_applications" ("service_id");

-- One live application or service per service id; rejected and revoked ones free the id.
CREATE UNIQUE INDEX "service_applications_one_live"
  ON "service_applications" ("service_id")
  WHERE "status" NOT IN ('rejected', 'revoked');

CREATE TABLE "service_operations" (
  "id" UUID PRIMARY KEY,
  "application_id" UUID NOT NULL REFERENCES "service_applications" ("id"),
  "kind" "service_operation_kind" NOT NULL,
  "status" "service_operation_status" NOT NULL,
  "reason" TEXT NOT NULL,
  "requested_by" TEXT NOT NULL,
  "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "updated_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "completed_at" TIMESTAMPTZ
);

CREATE INDEX "service_operations_application_id_created_at_idx"
  ON "service_operations" ("application_id", "created_at");

-- At most one unfinished (running or failed) operation per service, so two runs never interleave.
CREATE UNIQUE INDEX "service_operations_one_open"
  ON "service_operations" ("application_id")
  WHERE "status" IN ('running', 'failed');

CREATE TABLE "service_operation_steps" (
  "operation_id" UUID NOT NULL REFERENCES "service_operations" ("id"),
  "name" TEXT NOT NULL,
  "position" INTEGER NOT NULL,
  "status" "service_step_status" NOT NULL DEFAULT 'pending',
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "result" JSONB NOT NULL DEFAULT '{}',
  "last_error" JSONB,
  "completed_at" TIMESTAMPTZ,
  "updated_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY ("operation_id", "name")
);

CREATE TABLE "service_slots" (
  "application_id" UUID NOT NULL UNIQUE REFERENCES "service_applications" ("id"),
  "service_id" TEXT NOT NULL,
  "file_id" INTEGER NOT NULL CHECK ("file_id" BETWEEN 0 AND 65535),
  "size_bytes" INTEGER NOT NULL CHECK ("size_bytes" > 0),
  "key_label" TEXT,
  "key_version" INTEGER CHECK ("key_version" BETWEEN 1 AND 65535),
  "assigned_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "released_at" TIMESTAMPTZ,
  CHECK (("key_label" IS NULL) = ("key_version" IS NULL))
);

CREATE INDEX "service_slots_file_id_idx" ON "service_slots" ("file_id");

-- A file id belongs to one service at a time.
CREATE UNIQUE INDEX "service_slots_one_assigned"
  ON "service_slots" ("file_id")
  WHERE "released_at" IS NULL;
