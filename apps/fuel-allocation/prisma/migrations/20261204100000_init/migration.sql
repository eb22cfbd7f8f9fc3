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

CREATE TYPE "quantity_unit" AS ENUM ('cylinder', 'ml');

CREATE TYPE "beneficiary" AS ENUM ('family', 'vehicle');

CREATE TYPE "vehicle_class" AS ENUM ('motorcycle', 'private-car', 'taxi');

CREATE TYPE "ledger_entry_kind" AS ENUM ('adjustment', 'expiry', 'grant', 'redemption', 'reversal');

CREATE TABLE "products" (
  "code" TEXT PRIMARY KEY CHECK ("code" ~ '^[a-z0-9-]{2,40}$'),
  "name" TEXT NOT NULL,
  "unit" "quantity_unit" NOT NULL
);

CREATE TABLE "product_prices" (
  "id" SERIAL PRIMARY KEY,
  "effective_from" DATE NOT NULL,
  "price_piastres" INTEGER NOT NULL CHECK ("price_piastres" >= 0),
  "product_code" TEXT NOT NULL REFERENCES "products" ("code"),
  "source" TEXT NOT NULL
);
CREATE UNIQUE INDEX "product_prices_product_code_effective_from_key"
  ON "product_prices" ("product_code", "effective_from");

-- A season (month, day, number of periods) applies to all three season columns or to none; a
-- family-size scale likewise needs both of its columns.
CREATE TABLE "policies" (
  "id" SERIAL PRIMARY KEY,
  "beneficiary" "beneficiary" NOT NULL,
  "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "effective_from" DATE NOT NULL,
  "period_days" INTEGER NOT NULL CHECK ("period_days" > 0),
  "period_quantity" INTEGER NOT NULL CHECK ("period_quantity" > 0),
  "product_code" TEXT NOT NULL REFERENCES "products" ("code"),
  "published_at" TIMESTAMPTZ,
  "scale_base_members" INTEGER CHECK ("scale_base_members" > 0),
  "scale_extra_per_member" INTEGER CHECK ("scale_extra_per_member" >= 0),
  "season_periods" INTEGER CHECK ("season_periods" > 0),
  "season_start_day" INTEGER CHECK ("season_start_day" BETWEEN 1 AND 28),
  "season_start_month" INTEGER CHECK ("season_start_month" BETWEEN 1 AND 12),
  "source" TEXT NOT NULL,
  "version" INTEGER NOT NULL CHECK ("version" > 0),
  CHECK (num_nulls("season_periods", "season_start_day", "season_start_month") IN (0, 3)),
  CHECK (num_nulls("scale_base_members", "scale_extra_per_member") IN (0, 2)),
  -- A season's periods must fit in one year, so seasons never overlap.
  CHECK ("season_periods" IS NULL OR "season_periods" * "period_days" <= 365)
);
CREATE UNIQUE INDEX "policies_product_code_version_key" ON "policies" ("product_code", "version");

CREATE TABLE "policy_vehicle_classes" (
  "period_days" INTEGER NOT NULL CHECK ("period_days" > 0),
  "period_quantity" INTEGER NOT NULL CHECK ("period_quantity" > 0),
  "policy_id" INTEGER NOT NULL REFERENCES "policies" ("id"),
  "vehicle_class" "vehicle_class" NOT NULL,
  PRIMARY KEY ("policy_id", "vehicle_class")
);

CREATE TABLE "families" (
  "family_id" TEXT PRIMARY KEY,
  "entitlements_version" INTEGER NOT NULL DEFAULT 0 CHECK ("entitlements_version" >= 0),
  "governorate" TEXT NOT NULL,
  "head_national_number" TEXT NOT NULL,
  "refreshed_on" DATE,
  "updated_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "version" INTEGER NOT NULL CHECK ("version" > 0)
);

CREATE TABLE "family_members" (
  "alive" BOOLEAN NOT NULL,
  "birth_date" DATE NOT NULL,
  "family_id" TEXT NOT NULL REFERENCES "families" ("family_id") ON DELETE CASCADE,
  "national_number" TEXT NOT NULL,
  "role" TEXT NOT NULL,
  PRIMARY KEY ("family_id", "national_number")
);
CREATE INDEX "family_members_national_number_idx" ON "family_members" ("national_number");

CREATE TABLE "deaths" (
  "date_of_death" DATE NOT NULL,
  "national_number" TEXT PRIMARY KEY,
  "recorded_at" TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE "cards" (
  "card_number" TEXT PRIMARY KEY,
  "changed_at" TIMESTAMPTZ NOT NULL,
  "expiry_date" DATE NOT NULL,
  "family_id" TEXT,
  "national_number" TEXT NOT NULL,
  "reason" TEXT NOT NULL,
  "status" TEXT NOT NULL,
  "updated_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "version" INTEGER NOT NULL CHECK ("version" > 0)
);
CREATE INDEX "cards_family_id_idx" ON "cards" ("family_id");

CREATE TABLE "vehicles" (
  "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "owner_national_number" TEXT NOT NULL,
  "plate" TEXT PRIMARY KEY,
  "refreshed_on" DATE,
  "vehicle_class" "vehicle_class" NOT NULL
);
CREATE INDEX "vehicles_owner_national_number_idx" ON "vehicles" ("owner_national_number");

CREATE TABLE "stations" (
  "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "governorate" TEXT NOT NULL,
  "id" TEXT PRIMARY KEY,
  "name" TEXT NOT NULL
);

-- Exactly one owner per account: a family (family products) or a vehicle (gasoline).
CREATE TABLE "quota_accounts" (
  "id" BIGSERIAL PRIMARY KEY,
  "balance" INTEGER NOT NULL CHECK ("balance" >= 0),
  "expired_at" TIMESTAMPTZ,
  "family_id" TEXT REFERENCES "families" ("family_id"),
  "granted" INTEGER NOT NULL CHECK ("granted" >= 0),
  "period_end" DATE NOT NULL,
  "period_start" DATE NOT NULL,
  "policy_id" INTEGER NOT NULL REFERENCES "policies" ("id"),
  "product_code" TEXT NOT NULL REFERENCES "products" ("code"),
  "updated_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "vehicle_plate" TEXT REFERENCES "vehicles" ("plate"),
  CHECK (("family_id" IS NULL) <> ("vehicle_plate" IS NULL)),
  CHECK ("period_end" >= "period_start")
);
CREATE UNIQUE INDEX "quota_accounts_family_id_product_code_period_start_key"
  ON "quota_accounts" ("family_id", "product_code", "period_start");
CREATE UNIQUE INDEX "quota_accounts_vehicle_plate_product_code_period_start_key"
  ON "quota_accounts" ("vehicle_plate", "product_code", "period_start");

CREATE TABLE "redemptions" (
  "id" UUID PRIMARY KEY,
  "account_id" BIGINT NOT NULL REFERENCES "quota_accounts" ("id"),
  "amount_piastres" INTEGER NOT NULL CHECK ("amount_piastres" >= 0),
  "balance_after" INTEGER NOT NULL CHECK ("balance_after" >= 0),
  "card_number" TEXT NOT NULL,
  "family_id" TEXT NOT NULL,
  "idempotency_key" TEXT NOT NULL,
  "price_piastres" INTEGER NOT NULL CHECK ("price_piastres" >= 0),
  "product_code" TEXT NOT NULL REFERENCES "products" ("code"),
  "quantity" INTEGER NOT NULL CHECK ("quantity" > 0),
  "recorded_at" TIMESTAMPTZ NOT NULL,
  "request_hash" TEXT NOT NULL,
  "reversal_balance_after" INTEGER CHECK ("reversal_balance_after" >= 0),
  "reversal_reason" TEXT,
  "reversed_at" TIMESTAMPTZ,
  "station_id" TEXT NOT NULL REFERENCES "stations" ("id"),
  "unit" "quantity_unit" NOT NULL,
  "vehicle_plate" TEXT,
  CHECK (num_nulls("reversed_at", "reversal_reason", "reversal_balance_after") IN (0, 3))
);
CREATE UNIQUE INDEX "redemptions_idempotency_key_key" ON "redemptions" ("idempotency_key");
CREATE INDEX "redemptions_card_number_idx" ON "redemptions" ("card_number");

-- Credits are positive and debits negative, so an account's balance is the plain sum of its
-- entries; an adjustment moves either way but never by zero.
CREATE TABLE "ledger_entries" (
  "id" BIGSERIAL PRIMARY KEY,
  "account_id" BIGINT NOT NULL REFERENCES "quota_accounts" ("id"),
  "balance_after" INTEGER NOT NULL CHECK ("balance_after" >= 0),
  "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "kind" "ledger_entry_kind" NOT NULL,
  "quantity" INTEGER NOT NULL,
  "reason" TEXT NOT NULL,
  "redemption_id" UUID REFERENCES "redemptions" ("id"),
  CHECK (
    ("kind" IN ('grant', 'reversal') AND "quantity" > 0)
    OR ("kind" IN ('redemption', 'expiry') AND "quantity" < 0)
    OR ("kind" = 'adjustment' AND "quantity" <> 0)
  ),
  CHECK (("kind" IN ('redemption', 'reversal')) = ("redemption_id" IS NOT NULL))
);
CREATE INDEX "ledger_entries_account_id_idx" ON "ledger_entries" ("account_id");

-- The ledger is the record of every quota movement: a correction is a new entry, never an edit.
CREATE FUNCTION "reject_ledger_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger_entries is append-only; add an adjustment entry instead'
    USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER "ledger_entries_append_only"
  BEFORE UPDATE OR DELETE ON "ledger_entries"
  FOR EACH ROW EXECUTE FUNCTION "reject_ledger_change"();
