import { z } from 'zod';

import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { cardNumber, isoDateTime, nonNegativeInt, positiveInt } from '../values';

/**
 * Reasons a station flags a card as suspect: a signature presented twice, a transaction counter
 * used twice or going back (a cloned or restored card image), a signature or card certificate
 * that does not verify, or a certificate that names another card.
 */
export const CARD_FLAG_CODES = [
  'CERTIFICATE_HOLDER_MISMATCH',
  'CERTIFICATE_SIGNATURE_INVALID',
  'SIGNATURE_COUNTER_BACKWARDS',
  'SIGNATURE_COUNTER_REUSED',
  'SIGNATURE_INVALID',
  'SIGNATURE_REPLAYED',
] as const;

export const cardFlagCode = z.enum(CARD_FLAG_CODES);

export const cardFlaggedData = z.object({
  /** Card number read from the card's card number file. */
  cardNumber,
  /** Card number the card certificate names, when it could be read. */
  certificateCardNumber: z.string().max(32).nullable(),
  code: cardFlagCode,
  /** Transaction counter in the card's response, when the response could be decoded. */
  counter: nonNegativeInt.nullable(),
  flagId: z.uuid(),
  flaggedAt: isoDateTime,
  /** Issuer key version of the card certificate, when it could be read. */
  keyVersion: positiveInt.nullable(),
  /** Highest counter the station had accepted from this card before. */
  lastCounter: nonNegativeInt,
  message: z.string().max(500),
  stationId: z.string().min(1).max(60),
  /** The station's record of the refused sale. */
  transactionId: z.uuid(),
});

export const CardFlagged = defineEvent({
  key: (data) => data.cardNumber,
  schema: cardFlaggedData,
  topic: Topics.stationCardFlags,
  type: 'sy.gov.station.card-flagged.v1',
});
