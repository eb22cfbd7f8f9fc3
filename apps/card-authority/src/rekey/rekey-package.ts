import type { CardKeys } from '@bitaqa/card-keys';

import type { CardCredentials } from '../keys/card-keys.service';

/** Static card keys of one version, base64. */
export interface CardKeysView {
  auth: string;
  enc: string;
  keyVersion: number;
  mac: string;
}

/**
 * Package a reader uses to move one card to the active key version. Binary values are base64.
 * The body is secret: it is sent once per request and never logged or stored.
 */
export interface RekeyPackageView {
  cardNumber: string;
  /** The new card certificate, under `next.keyVersion`. */
  certificate: string;
  /** Keys of the version on the card, to open the secure channel. */
  current: CardKeysView;
  /** Self-signed issuer certificate of `next.keyVersion`, to verify the new card certificate. */
  issuerCertificate: string;
  next: CardKeysView;
  /** Id to report the outcome under. */
  rekeyId: string;
  /** The card's new P-256 private key as PKCS#8 DER. */
  signingKey: string;
}

export function toCardKeysView(keys: CardKeys): CardKeysView {
  return {
    auth: keys.auth.toString('base64'),
    enc: keys.enc.toString('base64'),
    keyVersion: keys.keyVersion,
    mac: keys.mac.toString('base64'),
  };
}

export function toRekeyPackageView(
  rekeyId: string,
  cardNumber: string,
  current: CardKeys,
  next: CardCredentials,
  issuerCertificate: Uint8Array,
): RekeyPackageView {
  return {
    cardNumber,
    certificate: next.certificate.toString('base64'),
    current: toCardKeysView(current),
    issuerCertificate: Buffer.from(issuerCertificate).toString('base64'),
    next: toCardKeysView({ ...next.keys, keyVersion: next.keyVersion }),
    rekeyId,
    signingKey: next.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
}
