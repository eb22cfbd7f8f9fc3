-- Issuer key versions and the card certificates issued under them. The keys themselves live in
-- the key store (software or a PKCS#11 token) under labels bitaqa-v<version>-<purpose>.

CREATE TYPE "key_version_status" AS ENUM ('active', 'retiring', 'retired');

CREATE TABLE "key_versions" (
  "version" INTEGER PRIMARY KEY CHECK ("version" BETWEEN 1 AND 65535),
  "status" "key_version_status" NOT NULL,
  "issuer_certificate" BYTEA NOT NULL,
  "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "retiring_at" TIMESTAMPTZ,
  "retired_at" TIMESTAMPTZ,
  CHECK (("status" = 'active') = ("retiring_at" IS NULL)),
  CHECK (("status" = 'retired') = ("retired_at" IS NOT NULL))
);

-- New cards take their keys from the one active version.
CREATE UNIQUE INDEX "key_versions_one_active" ON "key_versions" ((true)) WHERE "status" = 'active';

CREATE TABLE "card_certificates" (
  "card_number" TEXT NOT NULL REFERENCES "cards" ("card_number"),
  "key_version" INTEGER NOT NULL REFERENCES "key_versions" ("version"),
  "public_key" BYTEA NOT NULL CHECK (octet_length("public_key") = 65),
  "certificate" BYTEA NOT NULL,
  "not_before" DATE NOT NULL,
  "not_after" DATE NOT NULL,
  "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY ("card_number", "key_version")
);
