-- Callers now present access tokens issued by the card authority, so the registry's own agency
-- API keys go: the authority's credentials are the one credential system of the platform.
DROP TABLE IF EXISTS "agency_api_keys";

-- An agency is suspended to withdraw its access without losing its policy history; its tokens
-- are refused while it is suspended and accepted again once it is reinstated.
CREATE TYPE "agency_status" AS ENUM ('active', 'suspended');

ALTER TABLE "agencies"
  ADD COLUMN "status" "agency_status" NOT NULL DEFAULT 'active',
  ADD COLUMN "status_reason" TEXT,
  ADD COLUMN "status_changed_at" TIMESTAMPTZ,
  ADD CONSTRAINT "agencies_suspension_has_reason"
    CHECK ("status" = 'active' OR "status_reason" IS NOT NULL);

-- The credential (token `sub`) and the token (`jti`) behind each lookup. Rows logged before
-- tokens keep both null.
ALTER TABLE "identity_lookups"
  ADD COLUMN "client_id" TEXT,
  ADD COLUMN "token_id" TEXT;
