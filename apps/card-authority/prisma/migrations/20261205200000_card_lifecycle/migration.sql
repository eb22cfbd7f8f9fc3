-- A replacement card names the card it replaces. Each card is replaced at most once, so the
-- chain of a holder's cards has no branches.
ALTER TABLE "cards" ADD COLUMN "replaces_card_number" TEXT REFERENCES "cards" ("card_number");
CREATE UNIQUE INDEX "cards_replaces_card_number_key" ON "cards" ("replaces_card_number");

-- The expiry job looks for issued cards past their expiry date in the statuses that may expire.
CREATE INDEX "cards_expiring_idx" ON "cards" ("expiry_date", "card_number")
  WHERE "status" IN ('issued', 'active', 'suspended', 'lost', 'stolen');

-- Survivor of a merged identity; set exactly when the status is merged.
ALTER TABLE "identities" ADD COLUMN "merged_into" TEXT;
ALTER TABLE "identities" ADD CONSTRAINT "identities_merged_into_check"
  CHECK (("status" = 'merged') = ("merged_into" IS NOT NULL));

CREATE TYPE "hotlist_rebuild_status" AS ENUM ('running', 'completed', 'failed');

-- One row per republication of every card's status on authority.card-status. A running rebuild
-- records the last card number it published, so it resumes there after a restart.
CREATE TABLE "hotlist_rebuilds" (
  "batch_size" INTEGER NOT NULL CHECK ("batch_size" > 0),
  "error" TEXT,
  "finished_at" TIMESTAMPTZ,
  "id" UUID PRIMARY KEY,
  "last_card_number" TEXT,
  "published_cards" INTEGER NOT NULL DEFAULT 0 CHECK ("published_cards" >= 0),
  "requested_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "status" "hotlist_rebuild_status" NOT NULL DEFAULT 'running',
  "total_cards" INTEGER NOT NULL CHECK ("total_cards" >= 0),
  "updated_at" TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- At most one rebuild runs at a time.
CREATE UNIQUE INDEX "hotlist_rebuilds_one_running_idx" ON "hotlist_rebuilds" ("status")
  WHERE "status" = 'running';
