import { PersonalizationCompleted, PersonalizationFailed } from '@bitaqa/contracts';
import { enqueueEvent } from '@bitaqa/messaging';

import type { Tx } from '../infrastructure/prisma.service';

/** CloudEvents source of every event this service publishes. */
export const EVENT_SOURCE = '/reader-gateway';

/** Longest `reason` the failure event accepts. */
const MAX_REASON_LENGTH = 500;

export interface CompletedResult {
  cardNumber: string;
  chipSerial: string;
  completedAt: Date;
  digest: string;
  encoderId: string;
  jobId: string;
  spoiledCards: number;
}

export interface FailedResult {
  cardNumber: string;
  code: string;
  encoderId: string;
  failedAt: Date;
  jobId: string;
  reason: string;
  spoiledCards: number;
}

/** Writes `PersonalizationCompleted` to the outbox inside the job's transaction. */
export async function enqueueCompleted(tx: Tx, result: CompletedResult): Promise<void> {
  await enqueueEvent(
    tx,
    PersonalizationCompleted,
    { ...result, completedAt: result.completedAt.toISOString() },
    { source: EVENT_SOURCE, subject: result.cardNumber },
  );
}

/** Writes `PersonalizationFailed` to the outbox inside the job's transaction. */
export async function enqueueFailed(tx: Tx, result: FailedResult): Promise<void> {
  await enqueueEvent(
    tx,
    PersonalizationFailed,
    {
      ...result,
      code: result.code.slice(0, 60),
      failedAt: result.failedAt.toISOString(),
      reason: result.reason.slice(0, MAX_REASON_LENGTH),
    },
    { source: EVENT_SOURCE, subject: result.cardNumber },
  );
}
