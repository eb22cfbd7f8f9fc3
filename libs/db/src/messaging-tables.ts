/**
 * SQL for the outbox and inbox tables that every app's first migration contains, so the
 * messaging library can rely on one shape. The Prisma models `OutboxEvent` and `InboxEvent`
 * in each app's schema map onto these tables.
 */
export const MESSAGING_TABLES_SQL = `
CREATE TABLE "outbox_events" (
  "id" BIGSERIAL PRIMARY KEY,
  "event_id" UUID NOT NULL UNIQUE,
  "topic" TEXT NOT NULL,
  "message_key" TEXT NOT NULL,
  "event_type" TEXT NOT NULL,
  "subject" TEXT,
  "payload" JSONB NOT NULL,
  "headers" JSONB NOT NULL DEFAULT '{}',
  "created_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "sent_at" TIMESTAMPTZ,
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "last_error" TEXT
);
CREATE INDEX "outbox_events_unsent_idx" ON "outbox_events" ("id") WHERE "sent_at" IS NULL;

CREATE TABLE "inbox_events" (
  "consumer_group" TEXT NOT NULL,
  "event_id" TEXT NOT NULL,
  "event_type" TEXT NOT NULL,
  "processed_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY ("consumer_group", "event_id")
);
`;
