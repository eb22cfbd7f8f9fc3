import { randomBytes, randomInt, randomUUID } from 'node:crypto';

import {
  makeNationalNumber,
  type EventData,
  type PersonalizationCompleted,
  type PersonalizationFailed,
} from '@bitaqa/contracts';

import type { IdentitySnapshot } from '../../src/identities/identity';

// Consecutive serials from a random start keep national numbers unique within one test run.
let nextSerial = randomInt(0, 1e8);

function uniqueNationalNumber(): string {
  nextSerial = (nextSerial + 1) % 1e8;

  return makeNationalNumber(1, nextSerial);
}

/** Builds an identity that qualifies for a card (active head of a family), with overrides. */
export function headIdentity(overrides: Partial<IdentitySnapshot> = {}): IdentitySnapshot {
  return {
    birthDate: '1978-03-21',
    familyId: `FAM-SY01-${String(randomInt(1, 999_999)).padStart(6, '0')}`,
    familyNameAr: 'الخطيب',
    familyNameLatin: 'AL-KHATIB',
    familyRole: 'head',
    fatherNameAr: 'محمود',
    givenNameAr: 'أحمد',
    givenNameLatin: 'AHMAD',
    governorate: 'SY01',
    motherNameAr: 'فاطمة',
    nationalNumber: uniqueNationalNumber(),
    sex: 'M',
    status: 'active',
    version: 1,
    ...overrides,
  };
}

export function completedResult(
  request: { cardNumber: string; jobId: string },
  overrides: Partial<EventData<typeof PersonalizationCompleted.type>> = {},
): EventData<typeof PersonalizationCompleted.type> {
  return {
    cardNumber: request.cardNumber,
    chipSerial: randomBytes(8).toString('hex').toUpperCase(),
    completedAt: new Date().toISOString(),
    digest: randomBytes(32).toString('hex'),
    encoderId: 'encoder-damascus-1',
    jobId: request.jobId,
    spoiledCards: 0,
    ...overrides,
  };
}

export function failedResult(
  request: { cardNumber: string; jobId: string },
  overrides: Partial<EventData<typeof PersonalizationFailed.type>> = {},
): EventData<typeof PersonalizationFailed.type> {
  return {
    cardNumber: request.cardNumber,
    code: 'VERIFY_MISMATCH',
    encoderId: 'encoder-damascus-1',
    failedAt: new Date().toISOString(),
    jobId: request.jobId,
    reason: 'read-back digest differs from the written files',
    spoiledCards: 1,
    ...overrides,
  };
}

export function unknownJobId(): string {
  return randomUUID();
}
