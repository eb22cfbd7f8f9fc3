import { randomInt, randomUUID } from 'node:crypto';

import {
  type EventData,
  makeNationalNumber,
  type PersonalizationRequested,
} from '@bitaqa/contracts';

export type PersonalizationRequest = EventData<typeof PersonalizationRequested.type>;

/** Builds a 16-digit card number with the issuer prefix 9760 and a Luhn check digit. */
export function cardNumber(): string {
  const body = `9760${String(randomInt(0, 1e11)).padStart(11, '0')}`;
  const digits = [...body].reverse().map(Number);
  const sum = digits.reduce((total, digit, index) => {
    const doubled = index % 2 === 0 ? digit * 2 : digit;

    return total + (doubled > 9 ? doubled - 9 : doubled);
  }, 0);

  return `${body}${(10 - (sum % 10)) % 10}`;
}

/** Builds a valid personalization request as the card authority publishes it. */
export function personalizationRequest(
  overrides: Partial<PersonalizationRequest> = {},
): PersonalizationRequest {
  return {
    cardNumber: cardNumber(),
    expiryDate: '2031-12-31',
    holder: {
      birthDate: '1978-03-21',
      familyId: `FAM-SY01-${String(randomInt(1, 999_999)).padStart(6, '0')}`,
      familyNameAr: 'الخطيب',
      familyNameLatin: 'AL-KHATIB',
      fatherNameAr: 'محمود',
      givenNameAr: 'أحمد',
      givenNameLatin: 'AHMAD',
      governorate: 'SY01',
      nationalNumber: makeNationalNumber(1, randomInt(0, 1e8)),
      sex: 'M',
    },
    jobId: randomUUID(),
    requestedAt: new Date().toISOString(),
    ...overrides,
  };
}
