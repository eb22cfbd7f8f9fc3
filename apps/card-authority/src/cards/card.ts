import type { CardStatus } from '@bitaqa/contracts';

import type { Card as CardRow, CardEvent as CardEventRow } from '../generated/prisma/client';

import { toIsoDate } from './card-dates';

/** A card as the authority's API and services see it. Dates are YYYY-MM-DD, instants ISO 8601. */
export interface Card {
  cardNumber: string;
  chipSerial: string | null;
  /** The personalization job the authority waits for, if any. */
  currentJobId: string | null;
  expiryDate: string;
  familyId: string | null;
  issueDate: string;
  issuedAt: string | null;
  nationalNumber: string;
  personalizationDigest: string | null;
  /** Set when personalization failed on every attempt; an officer has to act. */
  personalizationFailed: boolean;
  /** The card this one replaced, if an officer issued it as a replacement. */
  replacesCardNumber: string | null;
  status: CardStatus;
  statusReason: string;
  /** Grows by one with every status change; the `version` of `CardStatusChanged`. */
  statusVersion: number;
  updatedAt: string;
}

/** One entry of a card's status history. */
export interface CardHistoryEntry {
  actor: CardActor;
  from: CardStatus | null;
  occurredAt: string;
  reason: string;
  to: CardStatus;
  version: number;
}

/** Origin of a status change: the authority's own processing or an officer through the API. */
export type CardActor = 'officer' | 'system';

/** The card columns that make up a `Card`, as Prisma or a raw query returns them. */
export type CardRecord = Pick<
  CardRow,
  | 'cardNumber'
  | 'chipSerial'
  | 'currentJobId'
  | 'expiryDate'
  | 'familyId'
  | 'issueDate'
  | 'issuedAt'
  | 'nationalNumber'
  | 'personalizationDigest'
  | 'personalizationFailed'
  | 'replacesCardNumber'
  | 'status'
  | 'statusReason'
  | 'statusVersion'
  | 'updatedAt'
>;

export function toCard(row: CardRecord): Card {
  return {
    cardNumber: row.cardNumber,
    chipSerial: row.chipSerial,
    currentJobId: row.currentJobId,
    expiryDate: toIsoDate(row.expiryDate),
    familyId: row.familyId,
    issueDate: toIsoDate(row.issueDate),
    issuedAt: row.issuedAt?.toISOString() ?? null,
    nationalNumber: row.nationalNumber,
    personalizationDigest: row.personalizationDigest,
    personalizationFailed: row.personalizationFailed,
    replacesCardNumber: row.replacesCardNumber,
    status: row.status,
    statusReason: row.statusReason,
    statusVersion: row.statusVersion,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toHistoryEntry(row: CardEventRow): CardHistoryEntry {
  return {
    actor: row.actor as CardActor,
    from: row.fromStatus,
    occurredAt: row.occurredAt.toISOString(),
    reason: row.reason,
    to: row.toStatus,
    version: row.version,
  };
}
