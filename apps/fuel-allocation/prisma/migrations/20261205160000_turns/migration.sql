-- Turns for rationed goods: distributors of gas cylinders and heating diesel, their daily
-- capacity per product, and one queue per distributor and product.

CREATE TYPE "turn_status" AS ENUM ('waiting', 'notified', 'completed', 'expired', 'cancelled');

CREATE TYPE "turn_notice_status" AS ENUM ('pending', 'sending', 'queued', 'failed');

CREATE TABLE "distributors" (
  "id" TEXT PRIMARY KEY CHECK ("id" ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$'),
  "name" TEXT NOT NULL CHECK (length("name") BETWEEN 1 AND 120),
  "governorate" TEXT NOT NULL CHECK ("governorate" ~ '^SY(0[1-9]|1[0-4])$'),
  -- The station whose card reader records the distributor's hand-outs as redemptions.
  "station_id" TEXT NOT NULL REFERENCES "stations" ("id"),
  "created_at" TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX "distributors_governorate_idx" ON "distributors" ("governorate");

-- Capacity is in the product's unit: whole cylinders, or millilitres of diesel.
CREATE TABLE "distributor_products" (
  "distributor_id" TEXT NOT NULL REFERENCES "distributors" ("id"),
  "product_code" TEXT NOT NULL REFERENCES "products" ("code"),
  "daily_capacity" INTEGER NOT NULL CHECK ("daily_capacity" > 0),
  PRIMARY KEY ("distributor_id", "product_code")
);

-- A turn waits, is notified of a pick-up window, and then is completed by a redemption, expires
-- when the window passes, or is cancelled. `seq` orders turns enqueued at the same instant.
CREATE TABLE "turns" (
  "id" UUID PRIMARY KEY,
  "seq" BIGSERIAL NOT NULL UNIQUE,
  "distributor_id" TEXT NOT NULL REFERENCES "distributors" ("id"),
  "product_code" TEXT NOT NULL,
  "family_id" TEXT NOT NULL REFERENCES "families" ("family_id"),
  -- First day of the family's quota period the turn serves; expiries are counted per period.
  "period_start" DATE NOT NULL,
  "status" "turn_status" NOT NULL DEFAULT 'waiting',
  "enqueued_at" TIMESTAMPTZ NOT NULL,
  "requeued_from" UUID REFERENCES "turns" ("id"),
  "quantity" INTEGER CHECK ("quantity" > 0),
  "scheduled_at" TIMESTAMPTZ,
  "window_date" DATE,
  "window_start" TIMESTAMPTZ,
  "window_end" TIMESTAMPTZ,
  "notice_status" "turn_notice_status",
  "notice_id" TEXT,
  "notice_error" TEXT,
  "notice_attempts" INTEGER NOT NULL DEFAULT 0 CHECK ("notice_attempts" >= 0),
  "notice_claimed_at" TIMESTAMPTZ,
  "redemption_id" UUID REFERENCES "redemptions" ("id"),
  "closed_at" TIMESTAMPTZ,
  "close_reason" TEXT,
  FOREIGN KEY ("distributor_id", "product_code")
    REFERENCES "distributor_products" ("distributor_id", "product_code"),
  CHECK (("status" IN ('waiting', 'notified')) = ("closed_at" IS NULL)),
  CHECK ("status" <> 'cancelled' OR "close_reason" IS NOT NULL),
  CHECK (("status" = 'completed') = ("redemption_id" IS NOT NULL)),
  CHECK (
    "status" <> 'waiting'
    OR num_nonnulls("quantity", "scheduled_at", "window_date", "window_start", "window_end",
                    "notice_status") = 0
  ),
  CHECK (
    "status" NOT IN ('notified', 'completed', 'expired')
    OR num_nulls("quantity", "scheduled_at", "window_date", "window_start", "window_end",
                 "notice_status") = 0
  ),
  CHECK ("window_start" < "window_end")
);

-- No family holds two open turns for one product, at one distributor or at several.
CREATE UNIQUE INDEX "turns_one_open_per_family_product"
  ON "turns" ("family_id", "product_code") WHERE "status" IN ('waiting', 'notified');
CREATE INDEX "turns_queue_idx"
  ON "turns" ("distributor_id", "product_code", "enqueued_at", "seq") WHERE "status" = 'waiting';
CREATE INDEX "turns_day_idx" ON "turns" ("distributor_id", "product_code", "window_date");
CREATE INDEX "turns_window_end_idx" ON "turns" ("window_end") WHERE "status" = 'notified';
CREATE INDEX "turns_notice_idx" ON "turns" ("seq") WHERE "notice_status" IN ('pending', 'sending');
CREATE INDEX "turns_family_period_idx" ON "turns" ("family_id", "product_code", "period_start");
