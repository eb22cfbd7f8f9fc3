import {
  CARD_KEY_BITS,
  CARD_KEY_COUNTER_BITS,
  cardKeyFixedInput,
  KEY_PURPOSES,
  type CardKeys,
  type KeyPurpose,
} from './diversification';
import { kdfCounterMode, type Prf } from './kbkdf';

/**
 * Issuer keys of each key version: one AES-128 master key per card key purpose, from which card
 * keys are derived, and one ECDSA P-256 key pair that signs certificates. Keys of a version are
 * created once and never change, so a card's keys can always be derived again.
 */
export interface KeyStore {
  readonly kind: 'pkcs11' | 'software';

  /** Creates whichever master keys and issuer key pair of the version are missing. */
  ensureVersionKeys(keyVersion: number): Promise<void>;

  /** Whether every key of the version exists. */
  hasVersionKeys(keyVersion: number): Promise<boolean>;

  /** Derives the card's ENC, MAC and AUTH keys from the master keys of `keyVersion`. */
  deriveCardKeys(cardNumber: string, keyVersion: number): Promise<CardKeys>;

  /** Signs `data` with ECDSA P-256 over SHA-256 with the issuer key; returns r || s. */
  signWithIssuerKey(keyVersion: number, data: Buffer): Promise<Buffer>;

  /** The issuer public key of the version as an uncompressed P-256 point. */
  issuerPublicKey(keyVersion: number): Promise<Buffer>;

  close(): Promise<void>;
}

/** Derives the three card keys, asking `prfFor` for the AES-CMAC PRF of each master key. */
export function deriveCardKeysWith(
  prfFor: (purpose: KeyPurpose) => Prf,
  cardNumber: string,
  keyVersion: number,
): CardKeys {
  const keys: Partial<Record<KeyPurpose, Buffer>> = {};

  for (const purpose of KEY_PURPOSES) {
    keys[purpose] = kdfCounterMode(prfFor(purpose), {
      counterBits: CARD_KEY_COUNTER_BITS,
      fixedInput: cardKeyFixedInput(purpose, cardNumber, keyVersion),
      lengthBits: CARD_KEY_BITS,
    });
  }

  return { auth: keys.auth!, enc: keys.enc!, keyVersion, mac: keys.mac! };
}

/** Label of a key object of one version, as stored in a PKCS#11 token or a key file. */
export function keyLabel(keyVersion: number, name: KeyPurpose | 'issuer'): string {
  return `bitaqa-v${keyVersion}-${name}`;
}
