import type { z } from 'zod';

import type { EventDefinition } from '@bitaqa/contracts';
import { currentCorrelationId } from '@bitaqa/observability';

import {
  createCloudEvent,
  toKafkaHeaders,
  type CloudEvent,
  type EventMetadata,
} from './cloud-event';
import type { SqlExecutor } from './sql-executor';

const INSERT_OUTBOX_ROW = `
INSERT INTO outbox_events (event_id, topic, message_key, event_type, subject, payload, headers)
VALUES ($1::uuid, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`;

/**
 * Validates an event and writes it to the outbox inside the caller's transaction, so the event
 * is published if and only if the domain change commits. The relay sends it later.
 */
export async function enqueueEvent<Schema extends z.ZodType>(
  tx: SqlExecutor,
  definition: EventDefinition<string, Schema>,
  data: z.infer<Schema>,
  metadata: EventMetadata,
): Promise<CloudEvent<z.infer<Schema>>> {
  const event = createCloudEvent(definition, data, metadata);
  const correlationId = metadata.correlationId ?? currentCorrelationId();
  const headers = toKafkaHeaders(event, correlationId);

  await tx.$executeRawUnsafe(
    INSERT_OUTBOX_ROW,
    event.id,
    definition.topic,
    definition.key(event.data),
    event.type,
    event.subject ?? null,
    JSON.stringify(event.data),
    JSON.stringify(headers),
  );

  return event;
}
