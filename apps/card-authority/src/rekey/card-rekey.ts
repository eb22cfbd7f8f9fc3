import type { CardRekey as CardRekeyRow } from '../generated/prisma/client';

/** A re-key request and its outcome, as the API shows it. */
export interface CardRekeyView {
  cardNumber: string;
  failureReason: string | null;
  finishedAt: string | null;
  fromVersion: number;
  rekeyId: string;
  requestedAt: string;
  requestedBy: string;
  status: 'completed' | 'failed' | 'issued';
  toVersion: number;
}

export function toCardRekeyView(row: CardRekeyRow): CardRekeyView {
  return {
    cardNumber: row.cardNumber,
    failureReason: row.failureReason,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    fromVersion: row.fromVersion,
    rekeyId: row.id,
    requestedAt: row.requestedAt.toISOString(),
    requestedBy: row.requestedBy,
    status: row.status,
    toVersion: row.toVersion,
  };
}
