import type { CardSignatureErrorCode } from '@bitaqa/card';
import { USABLE_CARD_STATUSES } from '@bitaqa/contracts';

import type { CachedCardStatus } from '../cache/card-status.repository';
import type { CardReading } from '../card-reader/station-card-reader';

/** Codes of the cache checks, of the offline authentication, and of a card that signs nothing. */
export type RefusalCode =
  | 'CARD_AUTHENTICATION_FAILED'
  | 'CARD_EXPIRED'
  | 'CARD_HOTLISTED'
  | 'CARD_NOT_PERSONALIZED'
  | 'CARD_UNKNOWN'
  | 'HOLDER_MISMATCH'
  | CardSignatureErrorCode;

/** Reason the station refuses a card without asking fuel-allocation. */
export interface Refusal {
  /** Id of the card flag the refusal raised, for a card suspected of being cloned or forged. */
  flagId?: string;
  reason: string;
  refusal: RefusalCode;
  /**
   * The card's status at the station: the cached status, `unknown` or `expired`, or after a
   * failed authentication `unauthenticated`, or `suspect` when it was flagged.
   */
  status: string;
}

/**
 * Checks a card read at the pump against the station cache, on the station's calendar date
 * `today` (YYYY-MM-DD). Returns the refusal, or undefined when the card may be used. A card is
 * valid through its expiry date; the earlier of the card's and the authority's expiry counts.
 */
export function checkCard(
  reading: CardReading,
  cached: CachedCardStatus | undefined,
  today: string,
): Refusal | undefined {
  if (!cached) {
    return {
      reason: 'the card authority has published no status for this card',
      refusal: 'CARD_UNKNOWN',
      status: 'unknown',
    };
  }

  if (!USABLE_CARD_STATUSES.has(cached.status)) {
    return { reason: cached.reason, refusal: 'CARD_HOTLISTED', status: cached.status };
  }

  const expiryDate =
    reading.expiryDate < cached.expiryDate ? reading.expiryDate : cached.expiryDate;

  if (expiryDate < today) {
    return { reason: `card expired on ${expiryDate}`, refusal: 'CARD_EXPIRED', status: 'expired' };
  }

  if (reading.holderNationalNumber !== cached.nationalNumber) {
    return {
      reason: 'holder data on the card does not match the card authority record',
      refusal: 'HOLDER_MISMATCH',
      status: cached.status,
    };
  }

  return undefined;
}

/** Returns the calendar date in `timeZone` at `now`, as YYYY-MM-DD. */
export function calendarDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    day: '2-digit',
    month: '2-digit',
    timeZone,
    year: 'numeric',
  }).format(now);
}
