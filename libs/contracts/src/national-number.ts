/**
 * National numbers are 11 digits: a two-digit governorate of first registration (01-14), eight
 * serial digits, and a check digit. The check digit is the Luhn digit of the first ten, so any
 * single mistyped digit and most swaps of neighbours are caught.
 */
export function luhnCheckDigit(digits: string): number {
  let sum = 0;

  for (let index = 0; index < digits.length; index += 1) {
    const fromRight = digits.length - 1 - index;
    let digit = Number(digits[index]);

    if (fromRight % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }

  return (10 - (sum % 10)) % 10;
}

export function isValidLuhn(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;

  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits.slice(-1));
}

export function isValidNationalNumber(value: string): boolean {
  if (!/^(0[1-9]|1[0-4])\d{9}$/.test(value)) return false;

  return isValidLuhn(value);
}

/** Builds a national number from a governorate number (1-14) and a serial below 10^8. */
export function makeNationalNumber(governorate: number, serial: number): string {
  if (!Number.isInteger(governorate) || governorate < 1 || governorate > 14) {
    throw new RangeError(`governorate must be 1-14, got ${governorate}`);
  }
  if (!Number.isInteger(serial) || serial < 0 || serial >= 1e8) {
    throw new RangeError(`serial must be an integer in [0, 1e8), got ${serial}`);
  }

  const body = String(governorate).padStart(2, '0') + String(serial).padStart(8, '0');

  return body + String(luhnCheckDigit(body));
}
