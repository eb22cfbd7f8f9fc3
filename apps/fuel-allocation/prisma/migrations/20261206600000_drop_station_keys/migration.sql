-- Stations authenticate with access tokens of kind station that the card authority issues, so
-- fuel allocation no longer keeps station keys of its own. Dropping the columns also drops
-- their CHECK constraints and the unique index on key_hash.
ALTER TABLE "stations"
  DROP COLUMN "key_hash",
  DROP COLUMN "key_issued_at";
