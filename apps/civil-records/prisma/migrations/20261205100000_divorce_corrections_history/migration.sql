-- Divorces, the court decision that lets a spouse aged 15 to 17 marry, court-ordered
-- corrections, and the person journal from which a person is shown as of any date.
--
-- The journal (`person_changes`) is append-only. Triggers write the entries for inserted persons
-- and marriages, so a person or marriage can never exist without one, whichever code path
-- inserted it (bulk loaders included). The application writes the entries of every later
-- change (death, widowhood, divorce steps, corrections) in the transaction that makes it,
-- because only the application knows the decision or event behind that change.

-- How a person entered the register: born into it, or taken over from the existing register.
CREATE TYPE "registration_kind" AS ENUM ('birth', 'import');
ALTER TABLE "persons" ADD COLUMN "registration_kind" "registration_kind" NOT NULL DEFAULT 'import';

-- Before this migration a birth was the only way to join a book on one's birth date as a child.
UPDATE "persons" p SET "registration_kind" = 'birth'
WHERE EXISTS (
  SELECT 1 FROM "family_members" m
  WHERE m."national_number" = p."national_number" AND m."role" = 'child'
    AND m."joined_on" = p."birth_date");

ALTER TABLE "marriages"
  ADD COLUMN "court_decision_number" TEXT,
  ADD COLUMN "court_decision_court" TEXT,
  ADD COLUMN "court_decision_date" DATE,
  ADD CONSTRAINT "marriages_court_decision_complete" CHECK (
    ("court_decision_number" IS NULL) = ("court_decision_court" IS NULL)
    AND ("court_decision_number" IS NULL) = ("court_decision_date" IS NULL)),
  ADD CONSTRAINT "marriages_court_decision_before_marriage" CHECK (
    "court_decision_date" IS NULL OR "court_decision_date" <= "date"),
  ADD CONSTRAINT "marriages_ended_after_start" CHECK ("ended_on" IS NULL OR "ended_on" >= "date");

CREATE TYPE "divorce_status" AS ENUM ('pending', 'final', 'withdrawn', 'lapsed');

-- A divorce case: filed (pending), then final, withdrawn, or lapsed by a spouse's death.
CREATE TABLE "divorces" (
  "id" BIGSERIAL NOT NULL,
  "marriage_id" BIGINT NOT NULL,
  "husband_national_number" TEXT NOT NULL,
  "wife_national_number" TEXT NOT NULL,
  "status" "divorce_status" NOT NULL DEFAULT 'pending',
  "filing_number" TEXT NOT NULL,
  "filing_court" TEXT NOT NULL,
  "filed_on" DATE NOT NULL,
  "decision_number" TEXT,
  "decision_court" TEXT,
  "decision_date" DATE,
  "withdrawn_on" DATE,
  "lapsed_on" DATE,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "divorces_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "divorces_final_has_decision" CHECK (
    ("status" = 'final') = ("decision_date" IS NOT NULL)
    AND ("decision_date" IS NULL) = ("decision_number" IS NULL)
    AND ("decision_date" IS NULL) = ("decision_court" IS NULL)),
  CONSTRAINT "divorces_withdrawn_has_date" CHECK (("status" = 'withdrawn') = ("withdrawn_on" IS NOT NULL)),
  CONSTRAINT "divorces_lapsed_has_date" CHECK (("status" = 'lapsed') = ("lapsed_on" IS NOT NULL)),
  CONSTRAINT "divorces_dates_after_filing" CHECK (
    COALESCE("decision_date", "withdrawn_on", "lapsed_on", "filed_on") >= "filed_on")
);
-- One open case per marriage, one final divorce per marriage, and a court's case number names
-- one filing of a marriage, which makes a retried filing recognizable.
CREATE UNIQUE INDEX "divorces_pending_marriage_key" ON "divorces" ("marriage_id") WHERE "status" = 'pending';
CREATE UNIQUE INDEX "divorces_final_marriage_key" ON "divorces" ("marriage_id") WHERE "status" = 'final';
CREATE UNIQUE INDEX "divorces_filing_key" ON "divorces" ("marriage_id", "filing_court", "filing_number");
CREATE INDEX "divorces_husband_national_number_idx" ON "divorces" ("husband_national_number");
CREATE INDEX "divorces_wife_national_number_idx" ON "divorces" ("wife_national_number");
ALTER TABLE "divorces" ADD CONSTRAINT "divorces_marriage_id_fkey"
  FOREIGN KEY ("marriage_id") REFERENCES "marriages" ("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "divorces" ADD CONSTRAINT "divorces_husband_national_number_fkey"
  FOREIGN KEY ("husband_national_number") REFERENCES "persons" ("national_number") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "divorces" ADD CONSTRAINT "divorces_wife_national_number_fkey"
  FOREIGN KEY ("wife_national_number") REFERENCES "persons" ("national_number") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A court-ordered correction of one person's record. A court's decision number applies once
-- per person, which makes a retried correction recognizable.
CREATE TABLE "corrections" (
  "id" BIGSERIAL NOT NULL,
  "national_number" TEXT NOT NULL,
  "decision_number" TEXT NOT NULL,
  "decision_court" TEXT NOT NULL,
  "decision_date" DATE NOT NULL,
  -- Field values the decision orders, as sent.
  "ordered" JSONB NOT NULL,
  -- Values before the correction of the fields it changed.
  "previous" JSONB NOT NULL,
  "changed_fields" TEXT[] NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "corrections_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "corrections_changes_something" CHECK (cardinality("changed_fields") > 0)
);
CREATE UNIQUE INDEX "corrections_decision_key" ON "corrections" ("national_number", "decision_court", "decision_number");
ALTER TABLE "corrections" ADD CONSTRAINT "corrections_national_number_fkey"
  FOREIGN KEY ("national_number") REFERENCES "persons" ("national_number") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TYPE "person_change_kind" AS ENUM (
  'birth', 'import', 'death', 'marriage', 'widowed',
  'divorce-filed', 'divorce-final', 'divorce-withdrawn', 'divorce-lapsed', 'correction');

-- The journal of every change to a person. `effective_on` is the legal date the change took
-- effect; `recorded_at` is when the register learnt it. `fields` holds the new values of the
-- record fields the change set (keys as in the API), `previous` their values before; replaying
-- `fields` in (effective_on, id) order up to a date gives the record as it stood on that date.
CREATE TABLE "person_changes" (
  "id" BIGSERIAL NOT NULL,
  "national_number" TEXT NOT NULL,
  "kind" "person_change_kind" NOT NULL,
  "effective_on" DATE NOT NULL,
  "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "fields" JSONB NOT NULL DEFAULT '{}',
  "previous" JSONB NOT NULL DEFAULT '{}',
  "decision_number" TEXT,
  "decision_court" TEXT,
  "decision_date" DATE,
  -- References to the records behind the change: marriageId, divorceId, correctionId, spouse.
  "details" JSONB NOT NULL DEFAULT '{}',
  CONSTRAINT "person_changes_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "person_changes_person_idx" ON "person_changes" ("national_number", "effective_on", "id");
ALTER TABLE "person_changes" ADD CONSTRAINT "person_changes_national_number_fkey"
  FOREIGN KEY ("national_number") REFERENCES "persons" ("national_number") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE FUNCTION "person_changes_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'person_changes is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER "person_changes_no_update" BEFORE UPDATE OR DELETE ON "person_changes"
  FOR EACH ROW EXECUTE FUNCTION "person_changes_append_only"();
CREATE TRIGGER "person_changes_no_truncate" BEFORE TRUNCATE ON "person_changes"
  FOR EACH STATEMENT EXECUTE FUNCTION "person_changes_append_only"();

-- The versioned record fields of a person, keyed as in the API.
CREATE FUNCTION "person_record_fields"(p "persons") RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'birthDate', p."birth_date",
    'birthPlace', p."birth_place",
    'dateOfDeath', NULL,
    'familyNameAr', p."family_name_ar",
    'fatherNameAr', p."father_name_ar",
    'fatherNationalNumber', p."father_national_number",
    'givenNameAr', p."given_name_ar",
    'grandfatherNameAr', p."grandfather_name_ar",
    'motherNameAr', p."mother_name_ar",
    'motherNationalNumber', p."mother_national_number",
    'registrationGovernorate', p."registration_governorate",
    'sex', p."sex")
$$;

CREATE FUNCTION "journal_registered_persons"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "person_changes" ("national_number", "kind", "effective_on", "fields")
  SELECT n."national_number", n."registration_kind"::text::"person_change_kind", n."birth_date",
    "person_record_fields"(n)
  FROM "new_persons" n
  ORDER BY n."national_number";

  -- A loader may take over a person who has already died.
  INSERT INTO "person_changes" ("national_number", "kind", "effective_on", "fields", "previous")
  SELECT n."national_number", 'death', n."date_of_death",
    jsonb_build_object('dateOfDeath', n."date_of_death"), jsonb_build_object('dateOfDeath', NULL)
  FROM "new_persons" n
  WHERE n."date_of_death" IS NOT NULL
  ORDER BY n."national_number";

  RETURN NULL;
END
$$;
CREATE TRIGGER "persons_journal" AFTER INSERT ON "persons"
  REFERENCING NEW TABLE AS "new_persons"
  FOR EACH STATEMENT EXECUTE FUNCTION "journal_registered_persons"();

CREATE FUNCTION "journal_new_marriages"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "person_changes" ("national_number", "kind", "effective_on", "decision_number",
    "decision_court", "decision_date", "details")
  SELECT spouse."national_number", 'marriage', m."date", m."court_decision_number",
    m."court_decision_court", m."court_decision_date",
    jsonb_build_object('familyId', m."family_id", 'marriageId', m."id"::text,
      'spouseNationalNumber', spouse."other")
  FROM "new_marriages" m
  CROSS JOIN LATERAL (VALUES
    (m."husband_national_number", m."wife_national_number"),
    (m."wife_national_number", m."husband_national_number")) AS spouse("national_number", "other")
  ORDER BY m."id";

  RETURN NULL;
END
$$;
CREATE TRIGGER "marriages_journal" AFTER INSERT ON "marriages"
  REFERENCING NEW TABLE AS "new_marriages"
  FOR EACH STATEMENT EXECUTE FUNCTION "journal_new_marriages"();

-- Journal entries for the register as it stood before this migration.
INSERT INTO "person_changes" ("national_number", "kind", "effective_on", "recorded_at", "fields")
SELECT p."national_number", p."registration_kind"::text::"person_change_kind", p."birth_date",
  p."created_at", "person_record_fields"(p)
FROM "persons" p
ORDER BY p."created_at", p."national_number";

INSERT INTO "person_changes" ("national_number", "kind", "effective_on", "recorded_at", "details")
SELECT spouse."national_number", 'marriage', m."date", m."created_at",
  jsonb_build_object('familyId', m."family_id", 'marriageId', m."id"::text,
    'spouseNationalNumber', spouse."other")
FROM "marriages" m
CROSS JOIN LATERAL (VALUES
  (m."husband_national_number", m."wife_national_number"),
  (m."wife_national_number", m."husband_national_number")) AS spouse("national_number", "other")
ORDER BY m."id";

INSERT INTO "person_changes" ("national_number", "kind", "effective_on", "recorded_at", "fields", "previous")
SELECT p."national_number", 'death', p."date_of_death", p."updated_at",
  jsonb_build_object('dateOfDeath', p."date_of_death"), jsonb_build_object('dateOfDeath', NULL)
FROM "persons" p
WHERE p."date_of_death" IS NOT NULL
ORDER BY p."updated_at", p."national_number";

-- The spouse who outlived a widowed marriage.
INSERT INTO "person_changes" ("national_number", "kind", "effective_on", "details")
SELECT CASE WHEN h."date_of_death" = m."ended_on" THEN m."wife_national_number"
            ELSE m."husband_national_number" END,
  'widowed', m."ended_on",
  jsonb_build_object('familyId', m."family_id", 'marriageId', m."id"::text,
    'spouseNationalNumber', CASE WHEN h."date_of_death" = m."ended_on"
      THEN m."husband_national_number" ELSE m."wife_national_number" END)
FROM "marriages" m
JOIN "persons" h ON h."national_number" = m."husband_national_number"
WHERE m."status" = 'widowed'
ORDER BY m."id";
