import { z } from 'zod';

import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { cardNumber, isoDate, isoDateTime, nonNegativeInt } from '../values';

/** Issuer key version: 1 to 65535, the two bytes a card stores it in. */
export const keyVersionNumber = z.number().int().min(1).max(0xffff);

export const KEY_VERSION_STATUSES = ['active', 'retiring', 'retired'] as const;

export const keyVersionStatus = z.enum(KEY_VERSION_STATUSES);

export type KeyVersionStatus = z.infer<typeof keyVersionStatus>;

/**
 * Current state of one issuer key version. Stations and readers trust card certificates under
 * the issuer certificate of every version that is not retired, and refuse a retired one. The
 * compacted topic keeps the latest record per version, so the full set of versions can be
 * rebuilt from it.
 */
export const keyVersionData = z.object({
  changedAt: isoDateTime,
  /** Cards still on this version when the record was written. */
  cardsRemaining: nonNegativeInt,
  /** Self-signed issuer certificate of the version in the compact format, base64. */
  issuerCertificate: z.base64().max(1024),
  issuerReference: z.string().min(1).max(32),
  notAfter: isoDate,
  notBefore: isoDate,
  /** Officer's reason when the version was retired with cards still on it; null otherwise. */
  reason: z.string().max(500).nullable(),
  retiredAt: isoDateTime.nullable(),
  retiringAt: isoDateTime.nullable(),
  startedAt: isoDateTime,
  status: keyVersionStatus,
  version: keyVersionNumber,
});

export type KeyVersionData = z.infer<typeof keyVersionData>;

const keyVersionKey = (data: KeyVersionData): string => String(data.version);

export const KeyVersionStarted = defineEvent({
  key: keyVersionKey,
  schema: keyVersionData,
  topic: Topics.authorityKeyVersions,
  type: 'sy.gov.authority.key-version-started.v1',
});

export const KeyVersionRetiring = defineEvent({
  key: keyVersionKey,
  schema: keyVersionData,
  topic: Topics.authorityKeyVersions,
  type: 'sy.gov.authority.key-version-retiring.v1',
});

export const KeyVersionRetired = defineEvent({
  key: keyVersionKey,
  schema: keyVersionData,
  topic: Topics.authorityKeyVersions,
  type: 'sy.gov.authority.key-version-retired.v1',
});

/** A reader moved a card to a new key version and proved its new keys. */
export const cardRekeyedData = z.object({
  cardNumber,
  fromKeyVersion: keyVersionNumber,
  rekeyId: z.uuid(),
  rekeyedAt: isoDateTime,
  toKeyVersion: keyVersionNumber,
});

export const CardRekeyed = defineEvent({
  key: (data) => data.cardNumber,
  schema: cardRekeyedData,
  topic: Topics.authorityCards,
  type: 'sy.gov.authority.card-rekeyed.v1',
});
