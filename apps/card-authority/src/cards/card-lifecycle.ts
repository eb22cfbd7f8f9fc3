import { CARD_STATUSES, type CardStatus } from '@bitaqa/contracts';

/**
 * The card lifecycle as a transition table: each status lists the statuses a card may move to
 * from it. Issuance runs requested -> approved -> queued -> personalized -> issued. Officers
 * suspend, reactivate, record a loss or theft, and revoke. Every status that is not terminal can
 * be revoked, so a holder's death always ends the card. Expired, revoked and replaced are terminal.
 */
export const CARD_TRANSITIONS: Readonly<Record<CardStatus, readonly CardStatus[]>> = {
  requested: ['approved', 'revoked'],
  approved: ['queued', 'revoked'],
  queued: ['personalized', 'revoked'],
  personalized: ['issued', 'revoked'],
  issued: ['active', 'suspended', 'lost', 'stolen', 'expired', 'revoked'],
  active: ['suspended', 'lost', 'stolen', 'expired', 'revoked'],
  suspended: ['active', 'lost', 'stolen', 'expired', 'revoked', 'replaced'],
  lost: ['expired', 'revoked', 'replaced'],
  stolen: ['expired', 'revoked', 'replaced'],
  expired: ['replaced'],
  revoked: [],
  replaced: [],
};

/**
 * Statuses in which a card no longer belongs to its holder, so the person may get a new card.
 * An expired card can still be marked replaced, for the record.
 */
export const TERMINAL_CARD_STATUSES: readonly CardStatus[] = ['expired', 'revoked', 'replaced'];

/** Statuses of a card that is still the holder's card; one person has at most one. */
export const LIVE_CARD_STATUSES: readonly CardStatus[] = CARD_STATUSES.filter(
  (status) => !TERMINAL_CARD_STATUSES.includes(status),
);

export function isTransitionAllowed(from: CardStatus, to: CardStatus): boolean {
  return CARD_TRANSITIONS[from].includes(to);
}
