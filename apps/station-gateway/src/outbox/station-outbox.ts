import type { z } from 'zod';

import type { EventDefinition } from '@bitaqa/contracts';
import { createCloudEvent, toKafkaHeaders, type CloudEvent } from '@bitaqa/messaging';
import { currentCorrelationId } from '@bitaqa/observability';

import type { SqliteTransaction } from '../sqlite/sqlite-transaction';

const INSERT_OUTBOX_ROW = `
INSERT INTO outbox_events (event_id, topic, message_key, event_type, payload, headers)
VALUES ($1, $2, $3, $4, $5, $6)`;

/**
 * Validates an event and writes it to the station's SQLite outbox inside the caller's
 * transaction, so it leaves the station if and only if the change commits. The messaging
 * library's outbox writes PostgreSQL casts, which SQLite does not parse, hence this copy.
 */
export async function enqueueStationEvent<Schema extends z.ZodType>(
  tx: SqliteTransaction,
  definition: EventDefinition<string, Schema>,
  data: z.infer<Schema>,
  stationId: string,
): Promise<CloudEvent<z.infer<Schema>>> {
  const event = createCloudEvent(definition, data, { source: `/station-gateway/${stationId}` });
  const headers = toKafkaHeaders(event, currentCorrelationId());

  await tx.$executeRawUnsafe(
    INSERT_OUTBOX_ROW,
    event.id,
    definition.topic,
    definition.key(event.data),
    event.type,
    JSON.stringify(event.data),
    JSON.stringify(headers),
  );

  return event;
}
