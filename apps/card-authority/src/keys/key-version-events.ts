import {
  KeyVersionRetired,
  KeyVersionRetiring,
  KeyVersionStarted,
  type KeyVersionData,
} from '@bitaqa/contracts';
import { parseCertificate } from '@bitaqa/card-keys';
import { enqueueEvent } from '@bitaqa/messaging';

import type { DbTransaction } from '../database/transaction';
import type { KeyVersion as KeyVersionRow } from '../generated/prisma/client';
import { EVENT_SOURCE } from '../messaging/event-source';

/** Audit fields of a key version change. `forced` marks a retirement with cards still on it. */
export interface KeyVersionChange {
  actor: string;
  cardsRemaining: number;
  forced: boolean;
  reason: string | null;
}

const DEFINITIONS = {
  active: KeyVersionStarted,
  retired: KeyVersionRetired,
  retiring: KeyVersionRetiring,
} as const;

const ACTIONS = { active: 'started', retired: 'retired', retiring: 'retiring' } as const;

function toEventData(row: KeyVersionRow, change: KeyVersionChange, at: Date): KeyVersionData {
  const certificate = parseCertificate(row.issuerCertificate);

  return {
    cardsRemaining: change.cardsRemaining,
    changedAt: at.toISOString(),
    issuerCertificate: Buffer.from(row.issuerCertificate).toString('base64'),
    issuerReference: certificate.holderReference,
    notAfter: certificate.notAfter,
    notBefore: certificate.notBefore,
    reason: change.reason,
    retiredAt: row.retiredAt?.toISOString() ?? null,
    retiringAt: row.retiringAt?.toISOString() ?? null,
    startedAt: row.createdAt.toISOString(),
    status: row.status,
    version: row.version,
  };
}

/**
 * Appends the change to the key version audit log and writes the matching event to the outbox,
 * both in the transaction that changed `row`, so the record, the log and the event commit
 * together. The event type follows the status `row` has now.
 */
export async function recordKeyVersionChange(
  tx: DbTransaction,
  row: KeyVersionRow,
  change: KeyVersionChange,
  at: Date,
): Promise<void> {
  await tx.keyVersionEvent.create({
    data: {
      action: ACTIONS[row.status],
      actor: change.actor,
      cardsRemaining: change.cardsRemaining,
      forced: change.forced,
      occurredAt: at,
      reason: change.reason,
      version: row.version,
    },
  });

  await enqueueEvent(tx, DEFINITIONS[row.status], toEventData(row, change, at), {
    source: EVENT_SOURCE,
    subject: String(row.version),
    time: at,
  });
}
