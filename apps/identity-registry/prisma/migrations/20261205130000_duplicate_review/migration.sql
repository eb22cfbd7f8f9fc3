-- Duplicate review: identities merged into a survivor, the queue of suspected duplicate pairs,
-- and the append-only log of operators' decisions on them.

-- PostgreSQL 12 and later run ADD VALUE inside the migration's transaction, but the new value
-- cannot be used before the transaction commits, so the checks below compare status as text.
ALTER TYPE "identity_status" ADD VALUE IF NOT EXISTS 'merged';

-- The survivor an operator merged this identity into; lookups of this number point there.
ALTER TABLE "identities"
  ADD COLUMN "merged_into" CHAR(11) REFERENCES "identities" ("national_number");

-- The init migration's unnamed check tied deceased to a death date. A merged identity may keep
-- the death date it had, so the check is replaced by one per status.
DO $$
DECLARE
  death_check TEXT;
BEGIN
  SELECT conname INTO death_check
  FROM pg_constraint
  WHERE conrelid = '"identities"'::regclass
    AND contype = 'c'
    AND pg_get_constraintdef(oid) LIKE '%date_of_death%';

  IF death_check IS NOT NULL THEN
    EXECUTE format('ALTER TABLE "identities" DROP CONSTRAINT %I', death_check);
  END IF;
END;
$$;

ALTER TABLE "identities"
  ADD CONSTRAINT "identities_status_death_check" CHECK (
    CASE "status"::TEXT
      WHEN 'active' THEN "date_of_death" IS NULL
      WHEN 'deceased' THEN "date_of_death" IS NOT NULL
      ELSE TRUE
    END
  ),
  ADD CONSTRAINT "identities_merged_into_check" CHECK (
    ("status"::TEXT = 'merged') = ("merged_into" IS NOT NULL)
    AND "merged_into" IS DISTINCT FROM "national_number"
  );

CREATE INDEX "identities_merged_into_idx" ON "identities" ("merged_into")
  WHERE "merged_into" IS NOT NULL;

-- Duplicate candidates share the mother's normalized name or national number and were born a
-- few days apart; these serve both lookups as a range scan on the birth date.
CREATE INDEX "identities_mother_name_birth_date_idx"
  ON "identities" ("mother_name_normalized", "birth_date");
CREATE INDEX "identities_mother_number_birth_date_idx"
  ON "identities" ("mother_national_number", "birth_date")
  WHERE "mother_national_number" IS NOT NULL;

-- Normalization now folds hamza on waw and yeh (ؤ ئ), more look-alike letters (ڤ ڪ ہ ۃ ې ے) and
-- Arabic-Indic digits, joins a detached article (ال حلبي) and four more compound endings. This
-- rewrites the stored normalized names to the new form. It mirrors normalizeArabicName in
-- @bitaqa/arabic-names for forms that the previous rules produced.
CREATE FUNCTION pg_temp.renormalize_name(name TEXT) RETURNS TEXT LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  result TEXT := translate(name, 'ؤئڤڪہۃېے٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹', 'ويفكههيي01234567890123456789');
  previous TEXT;
BEGIN
  -- One join per pass until nothing changes, as joinCompoundNames joins word by word.
  LOOP
    previous := result;
    result := regexp_replace(result, '(^| )((?:عبد|ابو|ال)+) ', '\1\2');
    result := regexp_replace(result, ' (الهدي|الاسلام|الزمان|العابدين)( |$)', '\1\2');
    EXIT WHEN result = previous;
  END LOOP;

  RETURN result;
END;
$$;

UPDATE "identities"
SET "given_name_normalized" = pg_temp.renormalize_name("given_name_normalized"),
  "father_name_normalized" = pg_temp.renormalize_name("father_name_normalized"),
  "mother_name_normalized" = pg_temp.renormalize_name("mother_name_normalized"),
  "family_name_normalized" = pg_temp.renormalize_name("family_name_normalized"),
  "full_name_normalized" = pg_temp.renormalize_name("full_name_normalized")
WHERE concat_ws(' ', "given_name_normalized", "father_name_normalized", "mother_name_normalized",
    "family_name_normalized", "full_name_normalized")
  ~ '[ؤئڤڪہۃېے٠-٩۰-۹]|(^| )(عبد|ابو|ال)+ | (الهدي|الاسلام|الزمان|العابدين)( |$)';

CREATE TYPE "duplicate_case_status" AS ENUM ('open', 'merged', 'kept-apart');

-- One row per pair of identities that duplicate detection took for one person, ever: a resolved
-- pair is never queued again. The pair is stored in ascending order.
CREATE TABLE "duplicate_cases" (
  "id" UUID PRIMARY KEY,
  "first_national_number" CHAR(11) NOT NULL REFERENCES "identities" ("national_number"),
  "second_national_number" CHAR(11) NOT NULL REFERENCES "identities" ("national_number"),
  "score" DOUBLE PRECISION NOT NULL CHECK ("score" BETWEEN 0 AND 1),
  "reasons" TEXT[] NOT NULL CHECK (cardinality("reasons") >= 1),
  -- The name comparison part by part, as @bitaqa/arabic-names returns it.
  "name_parts" JSONB NOT NULL,
  "status" "duplicate_case_status" NOT NULL DEFAULT 'open',
  -- The CloudEvents id of the registration that raised or last rescored the case.
  "detected_by_event_id" TEXT NOT NULL,
  "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "updated_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "resolved_at" TIMESTAMPTZ,
  "survivor_national_number" CHAR(11),
  UNIQUE ("first_national_number", "second_national_number"),
  CHECK ("first_national_number" < "second_national_number"),
  CHECK (("status" = 'open') = ("resolved_at" IS NULL)),
  CHECK (("status" = 'merged') = ("survivor_national_number" IS NOT NULL)),
  CHECK ("survivor_national_number" IN ("first_national_number", "second_national_number"))
);
CREATE INDEX "duplicate_cases_status_created_at_idx"
  ON "duplicate_cases" ("status", "created_at", "id");
CREATE INDEX "duplicate_cases_second_national_number_idx"
  ON "duplicate_cases" ("second_national_number");

CREATE TYPE "duplicate_decision" AS ENUM ('merge', 'keep-apart');

-- Who decided what about which case, when and why. Append-only: the trigger below rejects
-- UPDATE and DELETE, and each case takes one decision.
CREATE TABLE "duplicate_decisions" (
  "id" BIGSERIAL PRIMARY KEY,
  "case_id" UUID NOT NULL UNIQUE REFERENCES "duplicate_cases" ("id"),
  "decision" "duplicate_decision" NOT NULL,
  "operator_id" TEXT NOT NULL CHECK (length("operator_id") BETWEEN 1 AND 100),
  "reason" TEXT NOT NULL CHECK (length("reason") BETWEEN 3 AND 500),
  "survivor_national_number" CHAR(11),
  "merged_national_number" CHAR(11),
  "correlation_id" TEXT,
  "decided_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (("decision" = 'merge') = ("survivor_national_number" IS NOT NULL)),
  CHECK (("survivor_national_number" IS NULL) = ("merged_national_number" IS NULL))
);

CREATE FUNCTION "duplicate_decisions_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'duplicate_decisions is append-only; % is not allowed', TG_OP;
END;
$$;
CREATE TRIGGER "duplicate_decisions_append_only"
  BEFORE UPDATE OR DELETE ON "duplicate_decisions"
  FOR EACH ROW EXECUTE FUNCTION "duplicate_decisions_append_only"();
