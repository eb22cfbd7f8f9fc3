-- A ministry's own app may act for an agency registered at the identity registry (fuel
-- allocation sends turn notices as its agency), so kind app may carry a service id too. Kind
-- service still needs one, and operators and stations never have one.
DO $$
DECLARE
  constraint_name TEXT;
BEGIN
  SELECT conname INTO constraint_name
  FROM pg_constraint
  WHERE conrelid = 'credentials'::regclass
    AND contype = 'c'
    AND pg_get_constraintdef(oid) LIKE '%service_id IS NOT NULL%';

  EXECUTE format('ALTER TABLE credentials DROP CONSTRAINT %I', constraint_name);
END $$;

ALTER TABLE "credentials" ADD CONSTRAINT "credentials_service_id_fits_kind" CHECK (
  ("kind" = 'service' AND "service_id" IS NOT NULL)
  OR ("kind" = 'app')
  OR ("kind" IN ('operator', 'station') AND "service_id" IS NULL)
);
