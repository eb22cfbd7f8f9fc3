import { z } from 'zod';

import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import {
  arabicName,
  cardNumber,
  familyId,
  governorateCode,
  isoDate,
  isoDateTime,
  latinName,
  nationalNumber,
  positiveInt,
  sex,
} from '../values';

export const CARD_STATUSES = [
  'requested',
  'approved',
  'queued',
  'personalized',
  'issued',
  'active',
  'suspended',
  'lost',
  'stolen',
  'expired',
  'revoked',
  'replaced',
] as const;

export const cardStatus = z.enum(CARD_STATUSES);

export type CardStatus = z.infer<typeof cardStatus>;

/** Statuses in which a station may accept the card. Every other status puts it on the hotlist. */
export const USABLE_CARD_STATUSES: ReadonlySet<CardStatus> = new Set<CardStatus>([
  'issued',
  'active',
]);

/** Latest status of a card; the compacted topic keeps one record per card number. */
export const cardStatusData = z.object({
  cardNumber,
  changedAt: isoDateTime,
  expiryDate: isoDate,
  familyId: familyId.nullable(),
  nationalNumber,
  reason: z.string().max(200),
  status: cardStatus,
  version: positiveInt,
});

export const cardHolder = z.object({
  birthDate: isoDate,
  familyId: familyId.nullable(),
  familyNameAr: arabicName,
  familyNameLatin: latinName,
  fatherNameAr: arabicName,
  givenNameAr: arabicName,
  givenNameLatin: latinName,
  governorate: governorateCode,
  nationalNumber,
  sex,
});

/** Encoder site codes: upper-case letters, digits and `-`, such as the governorate `SY01`. */
export const encoderSite = z.string().regex(/^[A-Z0-9-]{2,32}$/, 'site such as SY01');

export const personalizationRequestedData = z.object({
  cardNumber,
  expiryDate: isoDate,
  holder: cardHolder,
  jobId: z.uuid(),
  requestedAt: isoDateTime,
  /**
   * Encoder site that writes the card: the holder's governorate. Optional, because requests
   * published before sites existed have none; only gateways serving every site take those.
   */
  siteId: encoderSite.optional(),
});

export const cardLifecycleChangedData = z.object({
  cardNumber,
  changedAt: isoDateTime,
  from: cardStatus.nullable(),
  nationalNumber,
  reason: z.string().max(200),
  to: cardStatus,
});

export const CardStatusChanged = defineEvent({
  key: (data) => data.cardNumber,
  schema: cardStatusData,
  topic: Topics.authorityCardStatus,
  type: 'sy.gov.authority.card-status.v1',
});

export const CardLifecycleChanged = defineEvent({
  key: (data) => data.cardNumber,
  schema: cardLifecycleChangedData,
  topic: Topics.authorityCards,
  type: 'sy.gov.authority.card-lifecycle-changed.v1',
});

/** Reasons an officer may give for replacing a card. */
export const REPLACEMENT_REASONS = ['lost', 'stolen', 'damaged', 'expired', 'renewal'] as const;

export const replacementReason = z.enum(REPLACEMENT_REASONS);

export type ReplacementReason = z.infer<typeof replacementReason>;

/**
 * An officer replaced a card: the old card is now `replaced` and the new one, for the same
 * holder and family, goes through issuance. Services that key anything by card number move it
 * from the old card to the new one.
 */
export const cardReplacedData = z.object({
  familyId: familyId.nullable(),
  nationalNumber,
  newCardNumber: cardNumber,
  oldCardNumber: cardNumber,
  reason: replacementReason,
  replacedAt: isoDateTime,
});

/** Keyed by the old card, so it follows that card's last lifecycle change on its partition. */
export const CardReplaced = defineEvent({
  key: (data) => data.oldCardNumber,
  schema: cardReplacedData,
  topic: Topics.authorityCards,
  type: 'sy.gov.authority.card-replaced.v1',
});

export const PersonalizationRequested = defineEvent({
  key: (data) => data.cardNumber,
  schema: personalizationRequestedData,
  topic: Topics.authorityPersonalizationRequests,
  type: 'sy.gov.authority.personalization-requested.v1',
});
