import type { z } from 'zod';

import type { EventDefinition } from '@bitaqa/contracts';
import { createCloudEvent, toKafkaHeaders } from '@bitaqa/messaging';
import { currentCorrelationId } from '@bitaqa/observability';

import type { Tx } from './prisma.service';

/** CloudEvents source of every event this service publishes. */
export const EVENT_SOURCE = '/civil-records';

const INSERT_OUTBOX_ROWS = `
INSERT INTO outbox_events (event_id, topic, message_key, event_type, subject, payload, headers)
SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::jsonb[], $7::jsonb[])`;

/**
 * Validates events and writes them to the outbox in one statement inside the caller's
 * transaction, in list order. The rows match what `enqueueEvent` of the messaging library
 * writes one at a time, so the relay publishes them the same way.
 */
export async function enqueueEvents<Schema extends z.ZodType>(
  tx: Tx,
  definition: EventDefinition<string, Schema>,
  dataList: readonly z.infer<Schema>[],
): Promise<void> {
  if (dataList.length === 0) return;

  const correlationId = currentCorrelationId();
  const events = dataList.map((data) =>
    createCloudEvent(definition, data, { correlationId, source: EVENT_SOURCE }),
  );

  await tx.$executeRawUnsafe(
    INSERT_OUTBOX_ROWS,
    events.map((event) => event.id),
    events.map(() => definition.topic),
    events.map((event) => definition.key(event.data)),
    events.map((event) => event.type),
    events.map((event) => event.subject ?? null),
    events.map((event) => JSON.stringify(event.data)),
    events.map((event) => JSON.stringify(toKafkaHeaders(event, correlationId))),
  );
}
