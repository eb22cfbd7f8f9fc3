-- Credentials of the clients that get access tokens at POST /oauth/token, and the append-only
-- log of every change to them. Only the SHA-256 hash of a client secret is stored.

CREATE TYPE "credential_kind" AS ENUM ('app', 'operator', 'service', 'station');

CREATE TYPE "credential_status" AS ENUM ('active', 'suspended', 'revoked');

CREATE TYPE "credential_action" AS ENUM (
  'created', 'bootstrapped', 'suspended', 'reinstated', 'revoked', 'secret_rotated'
);

CREATE TABLE "credentials" (
  "client_id" TEXT PRIMARY KEY CHECK ("client_id" ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
  "kind" "credential_kind" NOT NULL,
  "status" "credential_status" NOT NULL DEFAULT 'active',
  "status_reason" TEXT,
  "scopes" TEXT[] NOT NULL,
  "audiences" TEXT[] NOT NULL CHECK (cardinality("audiences") > 0),
  "service_id" TEXT,
  "station_code" TEXT,
  "description" TEXT NOT NULL,
  "secret_hash" BYTEA NOT NULL CHECK (octet_length("secret_hash") = 32),
  "secret_rotated_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "updated_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (("kind" = 'service') = ("service_id" IS NOT NULL)),
  CHECK (("kind" = 'station') = ("station_code" IS NOT NULL))
);

CREATE INDEX "credentials_service_id_idx" ON "credentials" ("service_id");

CREATE TABLE "credential_events" (
  "id" BIGSERIAL PRIMARY KEY,
  "client_id" TEXT NOT NULL REFERENCES "credentials" ("client_id"),
  "action" "credential_action" NOT NULL,
  "actor" TEXT NOT NULL,
  "reason" TEXT NOT NULL,
  "details" JSONB NOT NULL DEFAULT '{}',
  "occurred_at" TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX "credential_events_client_id_id_idx" ON "credential_events" ("client_id", "id");

-- The credential log is append-only: rows are never changed or removed.
CREATE FUNCTION "credential_events_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'credential_events is append-only; % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "credential_events_append_only"
  BEFORE UPDATE OR DELETE ON "credential_events"
  FOR EACH ROW EXECUTE FUNCTION "credential_events_append_only"();
