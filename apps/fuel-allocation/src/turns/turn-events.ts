import {
  TurnCancelled,
  TurnCompleted,
  TurnExpired,
  TurnScheduled,
  type EventData,
} from '@bitaqa/contracts';
import { enqueueEvent } from '@bitaqa/messaging';

import { EVENT_SOURCE } from '../infrastructure/event-source';
import type { Tx } from '../infrastructure/prisma.service';

/** Writes `TurnScheduled` to the outbox in the caller's transaction. */
export async function publishScheduled(
  tx: Tx,
  data: EventData<typeof TurnScheduled.type>,
): Promise<void> {
  await enqueueEvent(tx, TurnScheduled, data, { source: EVENT_SOURCE, subject: data.turnId });
}

export async function publishExpired(
  tx: Tx,
  data: EventData<typeof TurnExpired.type>,
): Promise<void> {
  await enqueueEvent(tx, TurnExpired, data, { source: EVENT_SOURCE, subject: data.turnId });
}

export async function publishCompleted(
  tx: Tx,
  data: EventData<typeof TurnCompleted.type>,
): Promise<void> {
  await enqueueEvent(tx, TurnCompleted, data, { source: EVENT_SOURCE, subject: data.turnId });
}

export async function publishCancelled(
  tx: Tx,
  data: EventData<typeof TurnCancelled.type>,
): Promise<void> {
  await enqueueEvent(tx, TurnCancelled, data, { source: EVENT_SOURCE, subject: data.turnId });
}
