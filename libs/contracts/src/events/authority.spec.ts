import { luhnCheckDigit, makeNationalNumber } from '../national-number';
import { CardReplaced, cardReplacedData, REPLACEMENT_REASONS } from './authority';

function cardNumber(serial: string): string {
  const body = `9760${serial.padStart(11, '0')}`;

  return body + String(luhnCheckDigit(body));
}

const valid = {
  familyId: 'FAM-SY01-000123',
  nationalNumber: makeNationalNumber(1, 19),
  newCardNumber: cardNumber('2'),
  oldCardNumber: cardNumber('1'),
  reason: 'lost',
  replacedAt: '2026-12-04T10:00:00.000Z',
};

describe('CardReplaced', () => {
  it('accepts every replacement reason', () => {
    for (const reason of REPLACEMENT_REASONS) {
      expect(cardReplacedData.safeParse({ ...valid, reason }).success).toBe(true);
    }
  });

  it('rejects an unknown reason', () => {
    expect(cardReplacedData.safeParse({ ...valid, reason: 'upgrade' }).success).toBe(false);
  });

  it('accepts a card without family', () => {
    expect(cardReplacedData.safeParse({ ...valid, familyId: null }).success).toBe(true);
  });

  it('keys by the old card', () => {
    expect(CardReplaced.key(cardReplacedData.parse(valid))).toBe(valid.oldCardNumber);
  });
});
