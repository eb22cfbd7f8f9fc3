import { z } from 'zod';

import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { cardNumber, isoDateTime, nonNegativeInt } from '../values';

export const personalizationCompletedData = z.object({
  cardNumber,
  /** The chip's serial number, 16 hexadecimal digits. */
  chipSerial: z.string().regex(/^[0-9A-F]{16}$/),
  completedAt: isoDateTime,
  /** SHA-256 of the files written, hex, so the authority can compare with what it asked for. */
  digest: z.string().regex(/^[0-9a-f]{64}$/),
  encoderId: z.string().min(1).max(100),
  jobId: z.uuid(),
  spoiledCards: nonNegativeInt,
});

export const personalizationFailedData = z.object({
  cardNumber,
  code: z.string().min(1).max(60),
  encoderId: z.string().min(1).max(100),
  failedAt: isoDateTime,
  jobId: z.uuid(),
  reason: z.string().max(500),
  spoiledCards: nonNegativeInt,
});

export const PersonalizationCompleted = defineEvent({
  key: (data) => data.cardNumber,
  schema: personalizationCompletedData,
  topic: Topics.readerPersonalizationResults,
  type: 'sy.gov.reader.personalization-completed.v1',
});

export const PersonalizationFailed = defineEvent({
  key: (data) => data.cardNumber,
  schema: personalizationFailedData,
  topic: Topics.readerPersonalizationResults,
  type: 'sy.gov.reader.personalization-failed.v1',
});
