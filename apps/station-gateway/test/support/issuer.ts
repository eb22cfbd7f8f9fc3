import { writeFileSync } from 'node:fs';

import {
  generateP256KeyPair,
  issueCardCertificate,
  issueIssuerCertificate,
  SoftwareKeyStore,
} from '@bitaqa/card-keys';
import type { CardSecrets } from '@bitaqa/card';

/** An issuer key version in memory, as the card authority keeps it, for test cards. */
export interface TestIssuer {
  certificate: Buffer;
  keyVersion: number;
  store: SoftwareKeyStore;
}

/** Options of a test card certificate; the defaults make a valid one for the card. */
export interface CertificateOptions {
  /** Card number the certificate names; the card's own by default. */
  certifiedCardNumber?: string;
  notAfter?: string;
  notBefore?: string;
}

export async function createTestIssuer(keyVersion = 1): Promise<TestIssuer> {
  const store = await SoftwareKeyStore.open();

  await store.ensureVersionKeys(keyVersion);

  const certificate = await issueIssuerCertificate(
    {
      keyVersion,
      notAfter: '2040-12-31',
      notBefore: '2026-01-01',
      publicKey: await store.issuerPublicKey(keyVersion),
    },
    (version, data) => store.signWithIssuerKey(version, data),
  );

  return { certificate, keyVersion, store };
}

/** Derives the card's keys, makes its signing key and has the issuer certify it. */
export async function cardSecrets(
  issuer: TestIssuer,
  cardNumber: string,
  options: CertificateOptions = {},
): Promise<CardSecrets> {
  const pair = generateP256KeyPair();
  const certificate = await issueCardCertificate(
    {
      cardNumber: options.certifiedCardNumber ?? cardNumber,
      keyVersion: issuer.keyVersion,
      notAfter: options.notAfter ?? '2031-12-31',
      notBefore: options.notBefore ?? '2026-01-01',
      publicKey: pair.publicPoint,
    },
    (version, data) => issuer.store.signWithIssuerKey(version, data),
  );

  return {
    certificate,
    keys: await issuer.store.deriveCardKeys(cardNumber, issuer.keyVersion),
    signingKey: pair.privateKey,
  };
}

/** Writes an ISSUER_CERTIFICATES_FILE that lists the issuers' certificates as active. */
export function writeIssuerCertificatesFile(path: string, issuers: TestIssuer[]): void {
  const issuerCertificates = issuers.map((issuer) => ({
    certificate: issuer.certificate.toString('base64'),
    status: 'active',
    version: issuer.keyVersion,
  }));

  writeFileSync(path, JSON.stringify({ issuerCertificates }, null, 2));
}
