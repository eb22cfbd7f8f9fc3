import {
  generateP256KeyPair,
  issueCardCertificate,
  issueIssuerCertificate,
} from '@bitaqa/card-keys';

import { RekeyPackage } from '../../src/rekey/rekey-package';
import { createTestIssuer, KEY_VERSION, TestIssuer } from './secure-card';

/** The next key version of the test issuer, which re-keyed cards move to. */
export const NEXT_KEY_VERSION = KEY_VERSION + 1;

/** Instant inside the validity of every test certificate. */
export const REKEY_NOW = new Date('2027-03-01T00:00:00Z');

/** A test issuer with a second key version and its issuer certificate. */
export interface RekeyIssuer extends TestIssuer {
  nextCertificate: Buffer;
}

export async function createRekeyIssuer(): Promise<RekeyIssuer> {
  const issuer = await createTestIssuer();
  await issuer.store.ensureVersionKeys(NEXT_KEY_VERSION);
  const nextCertificate = await issueIssuerCertificate(
    {
      keyVersion: NEXT_KEY_VERSION,
      notAfter: '2041-12-31',
      notBefore: '2026-06-01',
      publicKey: await issuer.store.issuerPublicKey(NEXT_KEY_VERSION),
    },
    (version, data) => issuer.store.signWithIssuerKey(version, data),
  );

  return { ...issuer, nextCertificate };
}

/**
 * Builds the package that moves `cardNumber` from version `from` to `to`, with a fresh key pair
 * certified under `to`, as the card authority hands it out.
 */
export async function rekeyPackageFor(
  issuer: RekeyIssuer,
  cardNumber: string,
  from = KEY_VERSION,
  to = NEXT_KEY_VERSION,
): Promise<RekeyPackage> {
  const pair = generateP256KeyPair();
  const certificate = await issueCardCertificate(
    {
      cardNumber,
      keyVersion: to,
      notAfter: '2031-06-30',
      notBefore: '2026-06-01',
      publicKey: pair.publicPoint,
    },
    (version, data) => issuer.store.signWithIssuerKey(version, data),
  );

  return {
    cardNumber,
    certificate,
    current: await issuer.store.deriveCardKeys(cardNumber, from),
    issuerCertificate: issuer.nextCertificate,
    next: await issuer.store.deriveCardKeys(cardNumber, to),
    signingKey: pair.privateKey,
  };
}
