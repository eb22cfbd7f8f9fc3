import { isValidLuhn, luhnCheckDigit } from '@bitaqa/contracts';

/** Issuer identification prefix of every Bitaqa card number. */
export const CARD_ISSUER_PREFIX = '9760';

const SERIAL_DIGITS = 11;

/** Largest serial that fits the 11 serial digits; the database sequence stops here too. */
export const MAX_CARD_SERIAL = 10n ** BigInt(SERIAL_DIGITS) - 1n;

/** Builds the 16-digit card number: issuer prefix, 11-digit serial, Luhn check digit. */
export function cardNumberFromSerial(serial: bigint): string {
  if (serial < 1n || serial > MAX_CARD_SERIAL) {
    throw new RangeError(`card serial must be in [1, ${MAX_CARD_SERIAL}], got ${serial}`);
  }

  const body = CARD_ISSUER_PREFIX + serial.toString().padStart(SERIAL_DIGITS, '0');

  return body + String(luhnCheckDigit(body));
}

/** True when `value` is 16 digits, starts with the issuer prefix and its check digit matches. */
export function isValidCardNumber(value: string): boolean {
  return /^\d{16}$/.test(value) && value.startsWith(CARD_ISSUER_PREFIX) && isValidLuhn(value);
}
