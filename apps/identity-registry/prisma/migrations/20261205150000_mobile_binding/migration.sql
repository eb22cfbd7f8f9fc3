-- Mobile numbers confirmed with one-time codes, the codes themselves (as HMACs only), the audit
-- log of every binding step, and the SMS notifications other services queue for identities.

CREATE TYPE "mobile_challenge_status" AS ENUM (
  'pending', 'confirmed', 'expired', 'exhausted', 'superseded', 'send_failed'
);

-- One code sent to one number for one identity. Only the HMAC-SHA256 of the code is kept.
CREATE TABLE "mobile_challenges" (
  "id" UUID PRIMARY KEY,
  "national_number" CHAR(11) NOT NULL,
  "mobile_number" VARCHAR(13) NOT NULL CHECK ("mobile_number" ~ '^\+9639[0-9]{8}$'),
  "code_hmac" CHAR(64) NOT NULL CHECK ("code_hmac" ~ '^[0-9a-f]{64}$'),
  "status" "mobile_challenge_status" NOT NULL DEFAULT 'pending',
  "attempts" INTEGER NOT NULL DEFAULT 0 CHECK ("attempts" >= 0),
  "max_attempts" INTEGER NOT NULL CHECK ("max_attempts" >= 1),
  "operator_message_id" TEXT,
  "created_at" TIMESTAMPTZ NOT NULL,
  "expires_at" TIMESTAMPTZ NOT NULL,
  "updated_at" TIMESTAMPTZ NOT NULL,
  CHECK ("attempts" <= "max_attempts"),
  CHECK ("expires_at" > "created_at")
);
CREATE INDEX "mobile_challenges_national_number_created_at_idx"
  ON "mobile_challenges" ("national_number", "created_at" DESC);
-- A new code replaces the identity's pending one, so at most one code works at a time.
CREATE UNIQUE INDEX "mobile_challenges_one_pending_idx"
  ON "mobile_challenges" ("national_number") WHERE "status" = 'pending';

CREATE TABLE "mobile_bindings" (
  "id" BIGSERIAL PRIMARY KEY,
  "national_number" CHAR(11) NOT NULL,
  "mobile_number" VARCHAR(13) NOT NULL CHECK ("mobile_number" ~ '^\+9639[0-9]{8}$'),
  "challenge_id" UUID NOT NULL UNIQUE REFERENCES "mobile_challenges" ("id"),
  "bound_at" TIMESTAMPTZ NOT NULL,
  "unbound_at" TIMESTAMPTZ,
  "unbind_reason" TEXT CHECK ("unbind_reason" IN ('holder-request', 'replaced')),
  CHECK (("unbound_at" IS NULL) = ("unbind_reason" IS NULL)),
  CHECK ("unbound_at" IS NULL OR "unbound_at" >= "bound_at")
);
-- One active binding per identity; ended bindings stay as history.
CREATE UNIQUE INDEX "mobile_bindings_one_active_idx"
  ON "mobile_bindings" ("national_number") WHERE "unbound_at" IS NULL;
CREATE INDEX "mobile_bindings_active_mobile_number_idx"
  ON "mobile_bindings" ("mobile_number") WHERE "unbound_at" IS NULL;
CREATE INDEX "mobile_bindings_national_number_idx" ON "mobile_bindings" ("national_number");

CREATE TYPE "mobile_audit_action" AS ENUM (
  'code_requested',
  'code_request_limited',
  'code_sent',
  'code_send_failed',
  'code_rejected',
  'code_expired',
  'code_attempts_exceeded',
  'bound',
  'bind_refused',
  'unbound'
);

-- Append-only: the trigger below rejects UPDATE and DELETE.
CREATE TABLE "mobile_audit_log" (
  "id" BIGSERIAL PRIMARY KEY,
  "national_number" CHAR(11) NOT NULL,
  "mobile_number" VARCHAR(13),
  "action" "mobile_audit_action" NOT NULL,
  -- Who made the request: `operator` or `agency:<service id>`.
  "actor" TEXT NOT NULL,
  "challenge_id" UUID,
  "detail" JSONB NOT NULL DEFAULT '{}',
  "correlation_id" TEXT,
  "created_at" TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX "mobile_audit_log_national_number_id_idx"
  ON "mobile_audit_log" ("national_number", "id");

CREATE FUNCTION "mobile_audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'mobile_audit_log is append-only; % is not allowed', TG_OP;
END;
$$;
CREATE TRIGGER "mobile_audit_log_append_only"
  BEFORE UPDATE OR DELETE ON "mobile_audit_log"
  FOR EACH ROW EXECUTE FUNCTION "mobile_audit_log_append_only"();

CREATE TYPE "sms_notification_status" AS ENUM ('queued', 'sent', 'failed');

-- A queued row is due at next_attempt_at; the sender pushes that time forward while it works on
-- the row, so a crashed sender's rows become due again.
CREATE TABLE "sms_notifications" (
  "id" UUID PRIMARY KEY,
  "caller_id" TEXT NOT NULL CHECK ("caller_id" ~ '^[a-z][a-z0-9-]{2,62}$'),
  "reference" TEXT NOT NULL CHECK (length("reference") BETWEEN 1 AND 100),
  "national_number" CHAR(11) NOT NULL,
  "message" TEXT NOT NULL CHECK (length("message") BETWEEN 1 AND 480),
  "purpose" TEXT NOT NULL,
  "status" "sms_notification_status" NOT NULL DEFAULT 'queued',
  "attempts" INTEGER NOT NULL DEFAULT 0 CHECK ("attempts" >= 0),
  "next_attempt_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "last_error" TEXT,
  "failure_code" TEXT,
  "failure_reason" TEXT,
  "operator_message_id" TEXT,
  "sent_to" VARCHAR(13),
  "sent_at" TIMESTAMPTZ,
  "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "updated_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE ("caller_id", "reference"),
  CHECK (("status" = 'sent') = ("sent_at" IS NOT NULL)),
  CHECK (("status" = 'failed') = ("failure_code" IS NOT NULL))
);
CREATE INDEX "sms_notifications_due_idx"
  ON "sms_notifications" ("next_attempt_at") WHERE "status" = 'queued';
CREATE INDEX "sms_notifications_national_number_idx" ON "sms_notifications" ("national_number");
