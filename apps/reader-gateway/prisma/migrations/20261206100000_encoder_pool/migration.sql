-- Encoder states of the live status API: "writing" replaces "personalizing", and
-- "spoiled_last" shows that the encoder's last card was spoiled until it writes the next one.
ALTER TYPE "encoder_status" RENAME VALUE 'personalizing' TO 'writing';
ALTER TYPE "encoder_status" ADD VALUE 'spoiled_last';

-- Failed card attempts of any kind, and when pcscd last listed the encoder's reader.
ALTER TABLE "encoders"
  ADD COLUMN "cards_failed" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "last_seen_at" TIMESTAMPTZ;
