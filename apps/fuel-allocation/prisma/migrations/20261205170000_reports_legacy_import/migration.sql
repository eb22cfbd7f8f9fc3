-- Reports, what-if runs and the legacy card import: non-subsidized ("free") prices for subsidy
-- figures, station coordinates for the far-apart stations report, indexes that keep the report
-- queries on index ranges, and the tables of the legacy import.

-- Price per litre (ml products) or per cylinder, in piastres, paid without the card quota. The
-- subsidy of a redemption is its quantity times (free price - subsidized price) on its day.
CREATE TABLE "product_free_prices" (
  "id" SERIAL PRIMARY KEY,
  "effective_from" DATE NOT NULL,
  "price_piastres" INTEGER NOT NULL CHECK ("price_piastres" >= 0),
  "product_code" TEXT NOT NULL REFERENCES "products" ("code"),
  "source" TEXT NOT NULL
);
CREATE UNIQUE INDEX "product_free_prices_product_code_effective_from_key"
  ON "product_free_prices" ("product_code", "effective_from");

-- NOTE: the only reported free heating-diesel price equals the subsidized price seeded for it
-- (1,700 SYP/L), so heating diesel shows no subsidy until a subsidized price is reported.
INSERT INTO "product_free_prices" ("product_code", "effective_from", "price_piastres", "source") VALUES
  ('gasoline-90', '2020-05-10', 45000, 'syrializm.com, 2020-05-11: 9,000 SYP per 20 L without subsidy'),
  ('gasoline-90', '2021-01-20', 67500, 'syrianobserver.com, 2021-01-20: unsubsidized 675 SYP/L'),
  ('gasoline-90', '2021-03-15', 200000, 'npasyria.com, 2021-03: free price 675 to 2,000 SYP/L'),
  ('gasoline-90', '2022-08-06', 400000, 'tellerreport.com, 2022-08-06: unsubsidized 3,500 to 4,000 SYP/L'),
  ('gas-cylinder', '2021-11-01', 3060000, 'syriahr.com, ~2021-11: cylinder without the card 30,600 SYP'),
  ('diesel-heating', '2022-01-22', 170000, 'syria.news, ~2022-01-22: free diesel on the card 1,700 SYP/L');

-- Degrees (WGS 84). Stations without coordinates are placed at their governorate's capital.
ALTER TABLE "stations"
  ADD COLUMN "latitude" DOUBLE PRECISION CHECK ("latitude" BETWEEN -90 AND 90),
  ADD COLUMN "longitude" DOUBLE PRECISION CHECK ("longitude" BETWEEN -180 AND 180),
  ADD CHECK (num_nulls("latitude", "longitude") IN (0, 2));

-- City centres of the governorate capitals, rounded to about 100 m. Rural Damascus is
-- administered from Damascus, so it shares Damascus's point.
CREATE TABLE "governorate_capitals" (
  "governorate" TEXT PRIMARY KEY CHECK ("governorate" ~ '^SY(0[1-9]|1[0-4])$'),
  "name" TEXT NOT NULL,
  "latitude" DOUBLE PRECISION NOT NULL,
  "longitude" DOUBLE PRECISION NOT NULL
);

INSERT INTO "governorate_capitals" ("governorate", "name", "latitude", "longitude") VALUES
  ('SY01', 'Damascus', 33.5131, 36.2919),
  ('SY02', 'Aleppo', 36.2021, 37.1343),
  ('SY03', 'Damascus', 33.5131, 36.2919),
  ('SY04', 'Homs', 34.7324, 36.7137),
  ('SY05', 'Hama', 35.1318, 36.7578),
  ('SY06', 'Lattakia', 35.5317, 35.7901),
  ('SY07', 'Idleb', 35.9306, 36.6339),
  ('SY08', 'Al-Hasakeh', 36.5024, 40.7477),
  ('SY09', 'Deir-ez-Zor', 35.3359, 40.1408),
  ('SY10', 'Tartous', 34.8890, 35.8866),
  ('SY11', 'Ar-Raqqa', 35.9594, 39.0079),
  ('SY12', 'Dar''a', 32.6189, 36.1021),
  ('SY13', 'As-Sweida', 32.7090, 36.5695),
  ('SY14', 'Quneitra', 33.1254, 35.8244);

UPDATE "stations" s SET "latitude" = c."latitude", "longitude" = c."longitude"
FROM "governorate_capitals" c
WHERE c."governorate" = s."governorate" AND s."latitude" IS NULL;

-- The spend report reads redemptions by time and reversals by reversal time; the exclusion
-- report looks up one family's redemptions of a product in a period; the far-apart report
-- pairs one card's redemptions in time order.
CREATE INDEX "redemptions_recorded_at_idx" ON "redemptions" ("recorded_at");
CREATE INDEX "redemptions_reversed_at_idx" ON "redemptions" ("reversed_at")
  WHERE "reversed_at" IS NOT NULL;
CREATE INDEX "redemptions_family_product_recorded_idx"
  ON "redemptions" ("family_id", "product_code", "recorded_at");
CREATE INDEX "redemptions_card_recorded_idx" ON "redemptions" ("card_number", "recorded_at");

-- One run of the legacy card import over one CSV file; counts grow as batches commit.
CREATE TABLE "legacy_imports" (
  "id" UUID PRIMARY KEY,
  "path" TEXT NOT NULL,
  "status" TEXT NOT NULL CHECK ("status" IN ('running', 'completed', 'failed')),
  "started_at" TIMESTAMPTZ NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "lines" INTEGER NOT NULL DEFAULT 0 CHECK ("lines" >= 0),
  "imported" INTEGER NOT NULL DEFAULT 0 CHECK ("imported" >= 0),
  "unchanged" INTEGER NOT NULL DEFAULT 0 CHECK ("unchanged" >= 0),
  "rejected" INTEGER NOT NULL DEFAULT 0 CHECK ("rejected" >= 0),
  "vehicles_created" INTEGER NOT NULL DEFAULT 0 CHECK ("vehicles_created" >= 0),
  "error" TEXT
);

-- A card of the oil ministry's earlier system, matched to a family (and a vehicle for vehicle
-- cards). The legacy number is unique, so a re-run of the same file inserts nothing twice.
CREATE TABLE "legacy_cards" (
  "legacy_card_number" TEXT PRIMARY KEY,
  "kind" "beneficiary" NOT NULL,
  "family_id" TEXT NOT NULL REFERENCES "families" ("family_id"),
  "holder_national_number" TEXT NOT NULL,
  "vehicle_plate" TEXT REFERENCES "vehicles" ("plate"),
  "governorate" TEXT NOT NULL,
  "issue_date" DATE NOT NULL,
  "import_id" UUID NOT NULL REFERENCES "legacy_imports" ("id"),
  "imported_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (("kind" = 'vehicle') = ("vehicle_plate" IS NOT NULL))
);
CREATE INDEX "legacy_cards_family_id_idx" ON "legacy_cards" ("family_id");

-- A line of an import that was not applied, with the reason code and the line as read.
CREATE TABLE "legacy_import_rejections" (
  "import_id" UUID NOT NULL REFERENCES "legacy_imports" ("id") ON DELETE CASCADE,
  "line_number" INTEGER NOT NULL CHECK ("line_number" > 0),
  "reason" TEXT NOT NULL,
  "detail" TEXT NOT NULL,
  "legacy_card_number" TEXT,
  "line" TEXT NOT NULL,
  PRIMARY KEY ("import_id", "line_number")
);
