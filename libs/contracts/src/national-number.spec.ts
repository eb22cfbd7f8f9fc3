import {
  isValidLuhn,
  isValidNationalNumber,
  luhnCheckDigit,
  makeNationalNumber,
} from './national-number';

describe('national number', () => {
  it('luhn digit of a known payload', () => {
    // 7992739871 is the textbook Luhn example; its check digit is 3.
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(isValidLuhn('79927398713')).toBe(true);
  });

  it('made numbers validate', () => {
    for (const [governorate, serial] of [
      [1, 0],
      [14, 99_999_999],
      [7, 123_456],
    ] as const) {
      const value = makeNationalNumber(governorate, serial);

      expect(value).toHaveLength(11);
      expect(isValidNationalNumber(value)).toBe(true);
    }
  });

  it('every single-digit typo rejected', () => {
    const value = makeNationalNumber(3, 4_567_890);

    for (let index = 0; index < value.length; index += 1) {
      for (let digit = 0; digit <= 9; digit += 1) {
        const typo = value.slice(0, index) + String(digit) + value.slice(index + 1);

        if (typo !== value) expect(isValidNationalNumber(typo)).toBe(false);
      }
    }
  });

  it('governorate outside 01-14 rejected', () => {
    expect(isValidNationalNumber('15' + '000000001' + '0')).toBe(false);
    expect(() => makeNationalNumber(0, 1)).toThrow(RangeError);
    expect(() => makeNationalNumber(15, 1)).toThrow(RangeError);
    expect(() => makeNationalNumber(1, 1e8)).toThrow(RangeError);
  });
});
