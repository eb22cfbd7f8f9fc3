-- Search indexes. Each build locks writes to identities for its duration: minutes at tens of
-- millions of rows. On a large table build them beforehand with CREATE INDEX CONCURRENTLY under
-- the same names; IF NOT EXISTS then skips them here.
--
-- Names are searched by whole words, so the indexes hold each name's words: the posting list of
-- a word is as long as the word is common. Trigram indexes would read the lists of trigrams such
-- as " ال", which nearly every family name contains. ANALYZE keeps the most common words of
-- these expressions, so the planner can tell a common name from a rare one. A B-tree with
-- text_pattern_ops would serve a prefix of the mother's name too, but the planner estimated
-- such prefixes at one row whatever their frequency, and then filtered thousands.
CREATE INDEX IF NOT EXISTS "identities_full_name_words_idx"
  ON "identities" USING GIN (string_to_array("full_name_normalized", ' '));
CREATE INDEX IF NOT EXISTS "identities_latin_name_words_idx"
  ON "identities" USING GIN (string_to_array("given_name_latin" || ' ' || "family_name_latin", ' '));
CREATE INDEX IF NOT EXISTS "identities_mother_name_words_idx"
  ON "identities" USING GIN (string_to_array("mother_name_normalized", ' '));
-- text_pattern_ops lets LIKE 'prefix%' use the B-tree whatever the database collation.
CREATE INDEX IF NOT EXISTS "identities_birth_place_birth_date_idx"
  ON "identities" ("birth_place" text_pattern_ops, "birth_date");

-- Agencies: services that verify identities or receive identity attributes.
CREATE TABLE "agencies" (
  "service_id" TEXT PRIMARY KEY CHECK ("service_id" ~ '^[a-z][a-z0-9-]{2,62}$'),
  "name" TEXT NOT NULL CHECK (length("name") BETWEEN 2 AND 200),
  "created_at" TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Only the SHA-256 digest of each key is stored; the key itself is shown once, when issued.
CREATE TABLE "agency_api_keys" (
  "id" UUID PRIMARY KEY,
  "service_id" TEXT NOT NULL REFERENCES "agencies" ("service_id"),
  "key_hash" CHAR(64) NOT NULL UNIQUE CHECK ("key_hash" ~ '^[0-9a-f]{64}$'),
  "key_prefix" TEXT NOT NULL,
  "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "revoked_at" TIMESTAMPTZ
);
CREATE INDEX "agency_api_keys_service_id_idx" ON "agency_api_keys" ("service_id");

-- Append-only: every approval adds a version, and the highest version is in force.
CREATE TABLE "agency_policies" (
  "service_id" TEXT NOT NULL REFERENCES "agencies" ("service_id"),
  "version" INTEGER NOT NULL CHECK ("version" >= 1),
  "attributes" TEXT[] NOT NULL,
  "purposes" TEXT[] NOT NULL CHECK (cardinality("purposes") >= 1),
  "requests_per_window" INTEGER CHECK ("requests_per_window" >= 1),
  "approved_by" TEXT NOT NULL,
  "approval_reference" TEXT NOT NULL,
  "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY ("service_id", "version")
);

CREATE TYPE "lookup_kind" AS ENUM ('verification', 'release');

CREATE TYPE "lookup_outcome" AS ENUM ('matched', 'mismatched', 'released', 'denied', 'not_found');

-- Every verification and attribute release, including denied ones, for the person to read.
CREATE TABLE "identity_lookups" (
  "id" BIGSERIAL PRIMARY KEY,
  "national_number" CHAR(11) NOT NULL,
  -- NULL only on rows copied from verification_queries, which did not record the caller.
  "service_id" TEXT REFERENCES "agencies" ("service_id"),
  "kind" "lookup_kind" NOT NULL,
  "purpose" TEXT NOT NULL CHECK (length("purpose") BETWEEN 3 AND 200),
  "reference" TEXT,
  "attributes_requested" TEXT[] NOT NULL,
  "attributes_released" TEXT[] NOT NULL DEFAULT '{}',
  "mismatched_attributes" TEXT[] NOT NULL DEFAULT '{}',
  "outcome" "lookup_outcome" NOT NULL,
  "denial_code" TEXT,
  "policy_version" INTEGER,
  "correlation_id" TEXT,
  "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (("outcome" = 'denied') = ("denial_code" IS NOT NULL))
);
CREATE INDEX "identity_lookups_national_number_id_idx"
  ON "identity_lookups" ("national_number", "id" DESC);
CREATE INDEX "identity_lookups_service_id_created_at_idx"
  ON "identity_lookups" ("service_id", "created_at");

INSERT INTO "identity_lookups" (
  "national_number", "kind", "purpose", "attributes_requested", "mismatched_attributes",
  "outcome", "correlation_id", "created_at"
)
SELECT
  "national_number",
  'verification',
  "purpose",
  "claimed_fields",
  "mismatched_fields",
  CASE
    WHEN "matched" THEN 'matched'::"lookup_outcome"
    WHEN 'nationalNumber' = ANY ("mismatched_fields") THEN 'not_found'::"lookup_outcome"
    ELSE 'mismatched'::"lookup_outcome"
  END,
  "correlation_id",
  "created_at"
FROM "verification_queries"
ORDER BY "id";

DROP TABLE "verification_queries";
