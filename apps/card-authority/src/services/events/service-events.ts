import type { z } from 'zod';

import type { EventDefinition, ServiceChangeData } from '@bitaqa/contracts';
import { enqueueEvent } from '@bitaqa/messaging';

import type { DbTransaction } from '../../database/transaction';
import type { ServiceApplication } from '../../generated/prisma/client';
import { EVENT_SOURCE } from '../../messaging/event-source';

type ServiceEvent = EventDefinition<string, z.ZodType<ServiceChangeData>>;

/** Writes a service change to the outbox in the transaction that made the change. */
export async function enqueueServiceChange(
  tx: DbTransaction,
  definition: ServiceEvent,
  row: ServiceApplication,
  reason: string | null,
  changedAt: Date,
): Promise<void> {
  const data: ServiceChangeData = {
    agency: row.agency,
    applicationId: row.id,
    attributes: row.attributes,
    changedAt: changedAt.toISOString(),
    name: row.name,
    purposeCode: row.purposeCode,
    readTopics: row.readTopics,
    reason,
    serviceId: row.serviceId,
    status: row.status,
    writeTopics: row.writeTopics,
  };

  await enqueueEvent(tx, definition, data, {
    source: EVENT_SOURCE,
    subject: row.serviceId,
    time: changedAt,
  });
}
