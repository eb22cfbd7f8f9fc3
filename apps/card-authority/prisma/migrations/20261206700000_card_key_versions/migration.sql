-- The key version each card's keys were issued under, re-keys of cards to a newer version,
-- and the audit trail of key version changes.

ALTER TABLE "cards" ADD COLUMN "key_version" INTEGER REFERENCES "key_versions" ("version");

-- Cards keyed before this column existed are on the latest version they got a certificate for.
UPDATE "cards" AS c
SET "key_version" = cc."key_version"
FROM (
  SELECT "card_number", MAX("key_version") AS "key_version"
  FROM "card_certificates"
  GROUP BY "card_number"
) AS cc
WHERE cc."card_number" = c."card_number"
  AND c."status" NOT IN ('requested', 'approved', 'queued');

CREATE INDEX "cards_key_version_card_number_idx" ON "cards" ("key_version", "card_number");

CREATE TYPE "card_rekey_status" AS ENUM ('issued', 'completed', 'failed');

CREATE TABLE "card_rekeys" (
  "id" UUID NOT NULL,
  "card_number" TEXT NOT NULL REFERENCES "cards" ("card_number"),
  "from_version" INTEGER NOT NULL REFERENCES "key_versions" ("version"),
  "to_version" INTEGER NOT NULL REFERENCES "key_versions" ("version"),
  "status" "card_rekey_status" NOT NULL DEFAULT 'issued',
  "requested_by" TEXT NOT NULL,
  "requested_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "finished_at" TIMESTAMPTZ,
  "failure_reason" TEXT,
  CONSTRAINT "card_rekeys_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "card_rekeys_card_number_requested_at_idx" ON "card_rekeys" ("card_number", "requested_at");

CREATE TYPE "key_version_action" AS ENUM ('started', 'retiring', 'retired');

CREATE TABLE "key_version_events" (
  "id" BIGSERIAL NOT NULL,
  "version" INTEGER NOT NULL REFERENCES "key_versions" ("version"),
  "action" "key_version_action" NOT NULL,
  "actor" TEXT NOT NULL,
  "reason" TEXT,
  "forced" BOOLEAN NOT NULL DEFAULT false,
  "cards_remaining" INTEGER NOT NULL,
  "occurred_at" TIMESTAMPTZ NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "key_version_events_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "key_version_events_version_id_idx" ON "key_version_events" ("version", "id");

CREATE FUNCTION "key_version_events_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'key_version_events is append-only; % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "key_version_events_append_only"
  BEFORE UPDATE OR DELETE ON "key_version_events"
  FOR EACH ROW EXECUTE FUNCTION "key_version_events_append_only"();
