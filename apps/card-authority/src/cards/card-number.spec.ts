import { isValidLuhn } from '@bitaqa/contracts';

import { cardNumberFromSerial, isValidCardNumber, MAX_CARD_SERIAL } from './card-number';

describe('cardNumberFromSerial', () => {
  it('builds prefix, padded serial and check digit', () => {
    const number = cardNumberFromSerial(42n);

    expect(number).toHaveLength(16);
    expect(number.slice(0, 4)).toBe('9760');
    expect(number.slice(4, 15)).toBe('00000000042');
    expect(isValidLuhn(number)).toBe(true);
  });

  it('matches a hand-computed check digit', () => {
    // Body 976000000000001: doubling the 1, 6 and 9 gives 2 + 3 + 7 + 9 = 21, so the digit is 9.
    expect(cardNumberFromSerial(1n)).toBe('9760000000000019');
  });

  it('accepts the largest serial', () => {
    expect(cardNumberFromSerial(MAX_CARD_SERIAL)).toMatch(/^976099999999999\d$/);
  });

  it('rejects serials out of range', () => {
    expect(() => cardNumberFromSerial(0n)).toThrow(RangeError);
    expect(() => cardNumberFromSerial(MAX_CARD_SERIAL + 1n)).toThrow(RangeError);
  });
});

describe('isValidCardNumber', () => {
  it('accepts a generated number', () => {
    expect(isValidCardNumber(cardNumberFromSerial(123456789n))).toBe(true);
  });

  it('rejects a changed digit', () => {
    const number = cardNumberFromSerial(123456789n);
    const changed = number.slice(0, 10) + ((Number(number[10]) + 1) % 10) + number.slice(11);

    expect(isValidCardNumber(changed)).toBe(false);
  });

  it('rejects another issuer prefix', () => {
    expect(isValidCardNumber('4111111111111111')).toBe(false);
  });

  it('rejects wrong length and letters', () => {
    expect(isValidCardNumber('976000000000001')).toBe(false);
    expect(isValidCardNumber('97600000000000a4')).toBe(false);
  });
});
