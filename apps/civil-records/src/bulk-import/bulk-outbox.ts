import type { z } from 'zod';

import type { EventDefinition } from '@bitaqa/contracts';
import { createCloudEvent, toKafkaHeaders } from '@bitaqa/messaging';
import { currentCorrelationId } from '@bitaqa/observability';

import { EVENT_SOURCE } from '../infrastructure/outbox';
import type { Tx } from '../infrastructure/prisma.service';

/**
 * Validates events and writes them to the outbox in one statement, in list order, inside the
 * caller's transaction. The rows are the ones `enqueueEvents` of infrastructure/outbox.ts
 * writes, but they travel as one JSON document instead of seven text arrays: node-postgres
 * escapes array elements one character at a time, which cost about five times the CPU of
 * `JSON.stringify` for 5,000 events in a measurement on the 2-core development machine.
 */
export async function enqueueBulkEvents<Schema extends z.ZodType>(
  tx: Tx,
  definition: EventDefinition<string, Schema>,
  dataList: readonly z.infer<Schema>[],
): Promise<void> {
  if (dataList.length === 0) return;

  const correlationId = currentCorrelationId();
  const rows = dataList.map((data) => {
    const event = createCloudEvent(definition, data, { correlationId, source: EVENT_SOURCE });

    return {
      event_id: event.id,
      event_type: event.type,
      headers: toKafkaHeaders(event, correlationId),
      message_key: definition.key(event.data),
      payload: event.data,
      subject: event.subject ?? null,
      topic: definition.topic,
    };
  });

  await tx.$executeRawUnsafe(
    `INSERT INTO outbox_events (event_id, topic, message_key, event_type, subject, payload, headers)
     SELECT x.event_id, x.topic, x.message_key, x.event_type, x.subject, x.payload, x.headers
     FROM json_to_recordset($1::json) AS x(event_id uuid, topic text, message_key text,
       event_type text, subject text, payload jsonb, headers jsonb)`,
    JSON.stringify(rows),
  );
}
