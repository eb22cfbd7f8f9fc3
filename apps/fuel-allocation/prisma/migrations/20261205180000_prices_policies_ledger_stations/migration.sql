-- Price and policy versions as append-only data, the publication of each (policy, price) pair,
-- two more vehicle classes, station credentials, and database checks that keep every quota
-- account's balance equal to its ledger.

-- Public transport and government vehicles. No published rule gives them a gasoline quota, so
-- the shipped policy has no row for them and they get none until a policy version adds one.
ALTER TYPE "vehicle_class" ADD VALUE IF NOT EXISTS 'public-transport';
ALTER TYPE "vehicle_class" ADD VALUE IF NOT EXISTS 'government';

-- Two versions of a product's policy taking effect on the same day would leave the day's rule
-- ambiguous.
CREATE UNIQUE INDEX "policies_product_code_effective_from_key"
  ON "policies" ("product_code", "effective_from");

-- Each policy version and subsidized price in force together is published once on
-- fuel.policies; a new price under the same policy is a new pair and is published again.
CREATE TABLE "policy_publications" (
  "policy_id" INTEGER NOT NULL REFERENCES "policies" ("id"),
  "price_id" INTEGER NOT NULL REFERENCES "product_prices" ("id"),
  "product_code" TEXT NOT NULL REFERENCES "products" ("code"),
  "published_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY ("policy_id", "price_id")
);

-- Policies published before this table existed count as published with the price in force on
-- their publication day, so an upgrade does not publish them again.
INSERT INTO "policy_publications" ("policy_id", "price_id", "product_code", "published_at")
SELECT p."id", price."id", p."product_code", p."published_at"
FROM "policies" p
CROSS JOIN LATERAL (
  SELECT pp."id" FROM "product_prices" pp
  WHERE pp."product_code" = p."product_code" AND pp."effective_from" <= p."published_at"::date
  ORDER BY pp."effective_from" DESC LIMIT 1
) price
WHERE p."published_at" IS NOT NULL;

-- Prices and policies are history: a change is a new version from a later date, never an
-- edit, so a redemption's recorded price can always be traced to its version. The one change
-- a policy row accepts is its first publication mark.
CREATE FUNCTION "reject_history_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only; add a new version instead', TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER "product_prices_append_only"
  BEFORE UPDATE OR DELETE ON "product_prices"
  FOR EACH ROW EXECUTE FUNCTION "reject_history_change"();
CREATE TRIGGER "product_free_prices_append_only"
  BEFORE UPDATE OR DELETE ON "product_free_prices"
  FOR EACH ROW EXECUTE FUNCTION "reject_history_change"();
CREATE TRIGGER "policy_vehicle_classes_append_only"
  BEFORE UPDATE OR DELETE ON "policy_vehicle_classes"
  FOR EACH ROW EXECUTE FUNCTION "reject_history_change"();
CREATE TRIGGER "policy_publications_append_only"
  BEFORE UPDATE OR DELETE ON "policy_publications"
  FOR EACH ROW EXECUTE FUNCTION "reject_history_change"();
CREATE TRIGGER "policies_no_delete"
  BEFORE DELETE ON "policies"
  FOR EACH ROW EXECUTE FUNCTION "reject_history_change"();
CREATE TRIGGER "policies_only_publication_mark"
  BEFORE UPDATE ON "policies"
  FOR EACH ROW
  WHEN (
    OLD."published_at" IS NOT NULL
    OR (to_jsonb(OLD) - 'published_at') IS DISTINCT FROM (to_jsonb(NEW) - 'published_at')
  )
  EXECUTE FUNCTION "reject_history_change"();

-- A station proves who it is with a secret key shown once when issued; only its SHA-256 is
-- stored. The key carries 256 random bits, so a plain hash resists guessing as well as a slow
-- password hash would, and it lets each request find its station by an index lookup.
ALTER TABLE "stations"
  ADD COLUMN "key_hash" TEXT CHECK ("key_hash" ~ '^[0-9a-f]{64}$'),
  ADD COLUMN "key_issued_at" TIMESTAMPTZ,
  ADD CHECK (num_nulls("key_hash", "key_issued_at") IN (0, 2));
CREATE UNIQUE INDEX "stations_key_hash_key" ON "stations" ("key_hash");

-- Ledger chain. Each entry's balance_after must equal the previous entry's balance_after (0
-- before the first) plus its quantity, so the entries alone derive every balance. The trigger
-- takes the account's row lock itself, so two writers that skipped the application's lock
-- still append one after the other; the CHECK on balance_after then keeps it from going
-- below zero.
CREATE INDEX "ledger_entries_account_id_id_idx" ON "ledger_entries" ("account_id", "id");

CREATE FUNCTION "check_ledger_chain"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  previous INTEGER;
BEGIN
  PERFORM 1 FROM "quota_accounts" WHERE "id" = NEW."account_id" FOR UPDATE;

  SELECT "balance_after" INTO previous FROM "ledger_entries"
  WHERE "account_id" = NEW."account_id" ORDER BY "id" DESC LIMIT 1;

  IF NEW."balance_after" <> COALESCE(previous, 0) + NEW."quantity" THEN
    RAISE EXCEPTION 'ledger entry of account % ends at %, expected %', NEW."account_id",
      NEW."balance_after", COALESCE(previous, 0) + NEW."quantity"
      USING ERRCODE = 'check_violation';
  END IF;

  RETURN NEW;
END;
$$;

CREATE TRIGGER "ledger_entries_chain"
  BEFORE INSERT ON "ledger_entries"
  FOR EACH ROW EXECUTE FUNCTION "check_ledger_chain"();

-- The balance row is the locked, cheap copy that redemptions read; at commit it must equal
-- the last entry's balance_after, so no transaction can move a balance without an entry or
-- leave an entry out of the balance. Deferred, because the service writes the entry and the
-- balance as two statements and opens an account before its first grant entry.
CREATE FUNCTION "assert_balance_matches_ledger"(target_id BIGINT) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  stored INTEGER;
  derived INTEGER;
BEGIN
  SELECT "balance" INTO stored FROM "quota_accounts" WHERE "id" = target_id;
  SELECT "balance_after" INTO derived FROM "ledger_entries"
  WHERE "account_id" = target_id ORDER BY "id" DESC LIMIT 1;

  IF stored IS DISTINCT FROM COALESCE(derived, 0) THEN
    RAISE EXCEPTION 'account % holds %, its ledger ends at %', target_id, stored,
      COALESCE(derived, 0)
      USING ERRCODE = 'check_violation';
  END IF;
END;
$$;

CREATE FUNCTION "check_account_balance"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "assert_balance_matches_ledger"(NEW."id");

  RETURN NULL;
END;
$$;

CREATE FUNCTION "check_entry_account_balance"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "assert_balance_matches_ledger"(NEW."account_id");

  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER "quota_accounts_balance_matches_ledger"
  AFTER INSERT OR UPDATE OF "balance" ON "quota_accounts"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "check_account_balance"();
CREATE CONSTRAINT TRIGGER "ledger_entries_balance_matches_account"
  AFTER INSERT ON "ledger_entries"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION "check_entry_account_balance"();
