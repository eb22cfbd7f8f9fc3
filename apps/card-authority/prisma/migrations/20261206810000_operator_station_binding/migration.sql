-- A station's attendants hold operator credentials bound to that station, so the station gateway
-- can accept only its own attendants. Kind station still needs a station code; apps and agency
-- services never have one.
DO $$
DECLARE
  constraint_name TEXT;
BEGIN
  SELECT conname INTO constraint_name
  FROM pg_constraint
  WHERE conrelid = 'credentials'::regclass
    AND contype = 'c'
    AND pg_get_constraintdef(oid) LIKE '%station_code IS NOT NULL%';

  EXECUTE format('ALTER TABLE credentials DROP CONSTRAINT %I', constraint_name);
END $$;

ALTER TABLE "credentials" ADD CONSTRAINT "credentials_station_code_fits_kind" CHECK (
  ("kind" = 'station' AND "station_code" IS NOT NULL)
  OR ("kind" = 'operator')
  OR ("kind" IN ('app', 'service') AND "station_code" IS NULL)
);
