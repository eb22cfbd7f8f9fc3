import { CardKeyError } from './errors';
import { type CounterBits, fixedInputData } from './kbkdf';

/** Card key purposes; each has its own issuer master key and its own KDF label. */
export const KEY_PURPOSES = ['enc', 'mac', 'auth'] as const;

export type KeyPurpose = (typeof KEY_PURPOSES)[number];

/** Labels of the card keys in the KDF's fixed input data, ASCII. */
export const KEY_LABELS: Readonly<Record<KeyPurpose, string>> = {
  auth: 'BITAQA CARD AUTH',
  enc: 'BITAQA CARD ENC',
  mac: 'BITAQA CARD MAC',
};

/** Card keys are AES-128. */
export const CARD_KEY_BITS = 128;

/** Counter width of the card key derivation; one AES-CMAC block needs only i = 1. */
export const CARD_KEY_COUNTER_BITS: CounterBits = 32;

/** Highest key version; versions are encoded in two bytes of the KDF context. */
export const MAX_KEY_VERSION = 0xffff;

/** The three AES-128 keys of one card under one key version. */
export interface CardKeys {
  auth: Buffer;
  enc: Buffer;
  keyVersion: number;
  mac: Buffer;
}

/** Rejects a card number that is not 16 decimal digits (`9760`, serial, Luhn digit). */
export function assertCardNumber(cardNumber: string): void {
  if (!/^\d{16}$/.test(cardNumber)) {
    throw new CardKeyError(
      'INVALID_ARGUMENT',
      `a card number has 16 digits, got ${JSON.stringify(cardNumber)}`,
    );
  }
}

export function assertKeyVersion(keyVersion: number): void {
  if (!Number.isInteger(keyVersion) || keyVersion < 1 || keyVersion > MAX_KEY_VERSION) {
    throw new CardKeyError(
      'INVALID_ARGUMENT',
      `a key version is an integer from 1 to ${MAX_KEY_VERSION}, got ${keyVersion}`,
    );
  }
}

/**
 * Builds the KDF fixed input data of one card key: the purpose's label, a zero byte, the context
 * (the card number in ASCII, then the key version as 16-bit big-endian) and L = 128.
 */
export function cardKeyFixedInput(
  purpose: KeyPurpose,
  cardNumber: string,
  keyVersion: number,
): Buffer {
  assertCardNumber(cardNumber);
  assertKeyVersion(keyVersion);

  const version = Buffer.alloc(2);

  version.writeUInt16BE(keyVersion, 0);

  const context = Buffer.concat([Buffer.from(cardNumber, 'ascii'), version]);

  return fixedInputData(Buffer.from(KEY_LABELS[purpose], 'ascii'), context, CARD_KEY_BITS);
}
