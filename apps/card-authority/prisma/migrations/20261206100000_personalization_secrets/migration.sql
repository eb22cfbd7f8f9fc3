-- When the encoder site fetched the card's keys, signing key and certificate for the job. The
-- authority hands them out once per job, so a second request for the same job is rejected.
ALTER TABLE "personalization_jobs" ADD COLUMN "secrets_issued_at" TIMESTAMPTZ;
