import type { CardStatus, ReplacementReason } from '@bitaqa/contracts';
import { RuleViolationError } from '@bitaqa/http';

import type { Card } from '../cards/card';
import type { IdentitySnapshot } from '../identities/identity';

/** A card may be renewed from this many days before its expiry date. */
export const RENEWAL_WINDOW_DAYS = 90;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Status the old card passes through before `replaced`, so its history shows why it was
 * replaced: a loss or theft reported at the counter, or an expiry the expiry job has not
 * recorded yet. Undefined when the card goes straight to `replaced`.
 */
export function intermediateStatus(
  card: Card,
  reason: ReplacementReason,
  today: string,
): CardStatus | undefined {
  const inUse = ['issued', 'active', 'suspended'].includes(card.status);

  if ((reason === 'lost' || reason === 'stolen') && inUse) return reason;

  if (card.expiryDate < today && inUse) return 'expired';

  return undefined;
}

/** Rejects a replacement whose reason does not fit the card's dates. */
export function checkReasonFitsCard(card: Card, reason: ReplacementReason, today: string): void {
  if (reason === 'expired' && card.status !== 'expired' && card.expiryDate >= today) {
    throw new RuleViolationError(
      'CARD_NOT_EXPIRED',
      `card ${card.cardNumber} is valid through ${card.expiryDate}, so it has not expired`,
      {
        field: 'reason',
        hint: `use renewal from ${renewalOpensOn(card)}, or damaged, lost or stolen`,
        value: reason,
      },
    );
  }

  if (reason === 'renewal' && renewalOpensOn(card) > today) {
    throw new RuleViolationError(
      'RENEWAL_TOO_EARLY',
      `card ${card.cardNumber} expires on ${card.expiryDate}; renewal opens ` +
        `${RENEWAL_WINDOW_DAYS} days before, on ${renewalOpensOn(card)}`,
      { field: 'reason', hint: `renew on or after ${renewalOpensOn(card)}`, value: reason },
    );
  }
}

/** First day (YYYY-MM-DD) on which the card may be renewed. */
export function renewalOpensOn(card: Card): string {
  const expiry = new Date(`${card.expiryDate}T00:00:00.000Z`);

  return new Date(expiry.getTime() - RENEWAL_WINDOW_DAYS * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Rejects a replacement for a holder who could not get a card through normal issuance: the
 * identity is unknown, deceased or merged, or the person is no longer a family head.
 */
export function checkHolderQualifies(
  cardNumber: string,
  nationalNumber: string,
  holder: IdentitySnapshot | undefined,
): asserts holder is IdentitySnapshot {
  const details = { field: 'cardNumber', value: cardNumber };

  if (!holder) {
    throw new RuleViolationError(
      'HOLDER_IDENTITY_MISSING',
      `the card authority holds no identity for ${nationalNumber}, the holder of ${cardNumber}`,
      { ...details, hint: 'wait until identity-registry publishes the identity, then retry' },
    );
  }

  if (holder.status === 'merged') {
    throw new RuleViolationError(
      'HOLDER_MERGED',
      `identity ${nationalNumber} was merged into ${holder.mergedInto}, so it gets no new card`,
      { ...details, hint: `request a card for the surviving identity ${holder.mergedInto}` },
    );
  }

  if (holder.status !== 'active') {
    throw new RuleViolationError(
      'HOLDER_NOT_ACTIVE',
      `identity ${nationalNumber} is ${holder.status}, so it gets no new card`,
      details,
    );
  }

  if (holder.familyRole !== 'head') {
    throw new RuleViolationError(
      'HOLDER_NOT_FAMILY_HEAD',
      `identity ${nationalNumber} is no longer a family head, and only heads hold a card`,
      { ...details, hint: 'the current family head gets the family card' },
    );
  }
}
