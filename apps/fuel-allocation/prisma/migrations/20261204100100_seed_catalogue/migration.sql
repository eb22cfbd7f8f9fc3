-- Products, prices, quota policies and stations shipped with the service. Quotas and prices
-- follow Syrian fuel smart-card rules as public news reported them (2019-2023); each row's
-- `source` names the report. Prices are in piastres (1 SYP = 100 piastres), per litre for
-- products counted in millilitres and per cylinder for gas.

INSERT INTO "products" ("code", "name", "unit") VALUES
  ('diesel-heating', 'Heating diesel', 'ml'),
  ('diesel-transport', 'Transport diesel', 'ml'),
  ('gas-cylinder', 'Domestic gas cylinder (LPG, 10 kg)', 'cylinder'),
  ('gasoline-90', 'Gasoline, octane 90', 'ml'),
  ('gasoline-95', 'Gasoline, octane 95', 'ml');

-- Where a report gives only a month, the price starts on the first of that month.
INSERT INTO "product_prices" ("product_code", "effective_from", "price_piastres", "source") VALUES
  -- Octane 90 on the card: 250 SYP/L (Suwayda report of 2019-09-09), 475 (2021-01-20),
  -- 750 (2021-03-15), 1,100 (May 2022), 2,500 (2022-08-06).
  ('gasoline-90', '2019-09-09', 25000, 'enabbaladi.net, 2019-09: subsidized octane 90 at 250 SYP/L'),
  ('gasoline-90', '2021-01-20', 47500, 'syrianobserver.com, 2021-01-20: 475 SYP/L on the card'),
  ('gasoline-90', '2021-03-15', 75000, 'syrianobserver.com, 2021-03-15: 750 SYP/L on the card'),
  ('gasoline-90', '2022-05-01', 110000, 'npasyria.com, 2022-05: 750 to 1,100 SYP/L'),
  ('gasoline-90', '2022-08-06', 250000, 'tellerreport.com, 2022-08-06: 1,100 to 2,500 SYP/L'),
  -- Octane 95 has no subsidized tier in any report; its card price is the premium price:
  -- 1,300 SYP/L (2021-01-20), 2,000 (2021-03-15), 2,500 (April 2021, Decision 1090),
  -- 4,500 (2022-08-06).
  ('gasoline-95', '2021-01-20', 130000, 'syrianobserver.com, 2021-01-20: premium 1,050 to 1,300 SYP/L'),
  ('gasoline-95', '2021-03-15', 200000, 'syrianobserver.com, 2021-03-15: premium 2,000 SYP/L'),
  ('gasoline-95', '2021-04-01', 250000, 'waradana.com, ~2021-04: Decision 1090, 2,000 to 2,500 SYP/L'),
  ('gasoline-95', '2022-08-06', 450000, 'tellerreport.com, 2022-08-06: premium 4,000 to 4,500 SYP/L'),
  -- NOTE: no report gives a subsidized diesel price. Heating diesel uses the 1,700 SYP/L of a
  -- 2021-11-12 report, which other reports call the unsubsidized price, and transport diesel
  -- the 650 SYP/L reported around October 2020.
  ('diesel-heating', '2021-11-12', 170000, 'syriacpress.com, 2021-11-12: heating fuel 1,700 SYP/L'),
  ('diesel-transport', '2020-10-01', 65000, 'npasyria.com, ~2020-10: diesel 296 to 650 SYP/L'),
  -- A 10 kg cylinder on the card: 3,850 SYP (2021-03-15), 9,700 SYP (early November 2021).
  ('gas-cylinder', '2021-03-15', 385000, 'syrianobserver.com, 2021-03-15: LPG cylinder 3,850 SYP'),
  ('gas-cylinder', '2021-11-01', 970000, 'syriahr.com, ~2021-11: via card 4,200 to 9,700 SYP');

-- Heating diesel, per family: a report of 2022-09-14 describes the season's first batch of
-- 50 L and a second 50 L batch when supply allows, and a report of 2023-09-24 has deliveries
-- start in October. Each season is therefore two periods of 91 days from 1 October, each
-- granting one 50 L batch.
-- The family-size scale (one batch for up to 5 living members, 10 L more for each living
-- member above 5) is this service's example policy, not a published rule.
INSERT INTO "policies" (
  "product_code", "version", "beneficiary", "effective_from", "period_days", "period_quantity",
  "season_start_month", "season_start_day", "season_periods",
  "scale_base_members", "scale_extra_per_member", "source"
) VALUES (
  'diesel-heating', 1, 'family', '2022-09-14', 91, 50000, 10, 1, 2, 5, 10000,
  'almashhadonline.com, 2022-09-14: first batch 50 L per family, a second 50 L if supply allows; syria.news, 2023-09-24: delivery from October'
);

-- Domestic gas, per family: one cylinder every 23 days, reported in 2019. The report gives the
-- year only, so the policy starts on 1 January 2019 and periods run in 23-day steps from it.
INSERT INTO "policies" (
  "product_code", "version", "beneficiary", "effective_from", "period_days", "period_quantity", "source"
) VALUES (
  'gas-cylinder', 1, 'family', '2019-01-01', 23, 1,
  'zamanalwsl.net, 2019: one cylinder per family every 23 days'
);

-- Octane 90 gasoline, per vehicle, from the reports of 2019-04-15: a private car 20 L every
-- 5 days, a taxi 20 L every 2 days, a motorcycle 3 L every 5 days. The policy row carries
-- the private-car quota, the most common class; the class rows below carry all three.
INSERT INTO "policies" (
  "product_code", "version", "beneficiary", "effective_from", "period_days", "period_quantity", "source"
) VALUES (
  'gasoline-90', 1, 'vehicle', '2019-04-15', 5, 20000,
  'france24.com, 2019-04-15: private car 20 L every 5 days, taxi 20 L every 2 days, motorcycle 3 L every 5 days'
);

INSERT INTO "policy_vehicle_classes" ("policy_id", "vehicle_class", "period_days", "period_quantity")
SELECT "id", class."vehicle_class"::"vehicle_class", class."period_days", class."period_quantity"
FROM "policies",
  (VALUES ('private-car', 5, 20000), ('taxi', 2, 20000), ('motorcycle', 5, 3000))
    AS class ("vehicle_class", "period_days", "period_quantity")
WHERE "product_code" = 'gasoline-90' AND "version" = 1;

-- Three stations per governorate, so every governorate can redeem from the first start.
INSERT INTO "stations" ("id", "name", "governorate") VALUES
  ('ST-SY01-001', 'Damascus station 1', 'SY01'),
  ('ST-SY01-002', 'Damascus station 2', 'SY01'),
  ('ST-SY01-003', 'Damascus station 3', 'SY01'),
  ('ST-SY02-001', 'Aleppo station 1', 'SY02'),
  ('ST-SY02-002', 'Aleppo station 2', 'SY02'),
  ('ST-SY02-003', 'Aleppo station 3', 'SY02'),
  ('ST-SY03-001', 'Rural Damascus station 1', 'SY03'),
  ('ST-SY03-002', 'Rural Damascus station 2', 'SY03'),
  ('ST-SY03-003', 'Rural Damascus station 3', 'SY03'),
  ('ST-SY04-001', 'Homs station 1', 'SY04'),
  ('ST-SY04-002', 'Homs station 2', 'SY04'),
  ('ST-SY04-003', 'Homs station 3', 'SY04'),
  ('ST-SY05-001', 'Hama station 1', 'SY05'),
  ('ST-SY05-002', 'Hama station 2', 'SY05'),
  ('ST-SY05-003', 'Hama station 3', 'SY05'),
  ('ST-SY06-001', 'Lattakia station 1', 'SY06'),
  ('ST-SY06-002', 'Lattakia station 2', 'SY06'),
  ('ST-SY06-003', 'Lattakia station 3', 'SY06'),
  ('ST-SY07-001', 'Idleb station 1', 'SY07'),
  ('ST-SY07-002', 'Idleb station 2', 'SY07'),
  ('ST-SY07-003', 'Idleb station 3', 'SY07'),
  ('ST-SY08-001', 'Al-Hasakeh station 1', 'SY08'),
  ('ST-SY08-002', 'Al-Hasakeh station 2', 'SY08'),
  ('ST-SY08-003', 'Al-Hasakeh station 3', 'SY08'),
  ('ST-SY09-001', 'Deir-ez-Zor station 1', 'SY09'),
  ('ST-SY09-002', 'Deir-ez-Zor station 2', 'SY09'),
  ('ST-SY09-003', 'Deir-ez-Zor station 3', 'SY09'),
  ('ST-SY10-001', 'Tartous station 1', 'SY10'),
  ('ST-SY10-002', 'Tartous station 2', 'SY10'),
  ('ST-SY10-003', 'Tartous station 3', 'SY10'),
  ('ST-SY11-001', 'Ar-Raqqa station 1', 'SY11'),
  ('ST-SY11-002', 'Ar-Raqqa station 2', 'SY11'),
  ('ST-SY11-003', 'Ar-Raqqa station 3', 'SY11'),
  ('ST-SY12-001', 'Dar''a station 1', 'SY12'),
  ('ST-SY12-002', 'Dar''a station 2', 'SY12'),
  ('ST-SY12-003', 'Dar''a station 3', 'SY12'),
  ('ST-SY13-001', 'As-Sweida station 1', 'SY13'),
  ('ST-SY13-002', 'As-Sweida station 2', 'SY13'),
  ('ST-SY13-003', 'As-Sweida station 3', 'SY13'),
  ('ST-SY14-001', 'Quneitra station 1', 'SY14'),
  ('ST-SY14-002', 'Quneitra station 2', 'SY14'),
  ('ST-SY14-003', 'Quneitra station 3', 'SY14');
