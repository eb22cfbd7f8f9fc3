import {
  CardKeyError,
  verifyCardCertificate,
  type CardVerifiableCertificate,
} from '@bitaqa/card-keys';
import { RuleViolationError } from '@bitaqa/http';

import type { DbTransaction } from '../database/transaction';

/**
 * Verifies the certificate a reader read from a re-keyed card: a card certificate of
 * `cardNumber` signed under the issuer certificate of `keyVersion` and valid at `now`. A bad one
 * gets 422 `CERTIFICATE_INVALID`, because the card then cannot pass a station's check.
 */
export async function verifyRekeyedCertificate(
  tx: DbTransaction,
  encoded: Buffer,
  cardNumber: string,
  keyVersion: number,
  now: Date,
): Promise<CardVerifiableCertificate> {
  const issuer = await tx.keyVersion.findUniqueOrThrow({ where: { version: keyVersion } });

  try {
    return verifyCardCertificate(encoded, issuer.issuerCertificate, { cardNumber, now });
  } catch (error) {
    const reason = error instanceof CardKeyError ? error.message : 'the certificate is malformed';

    throw new RuleViolationError('CERTIFICATE_INVALID', `card certificate rejected: ${reason}`, {
      field: 'certificate',
      hint: `send the certificate read from card ${cardNumber} after it proved key version ${keyVersion}`,
    });
  }
}

/** Stores the certificate read from the card under its new version, replacing an earlier one. */
export async function storeCardCertificate(
  tx: DbTransaction,
  certificate: CardVerifiableCertificate,
): Promise<void> {
  const stored = {
    certificate: Uint8Array.from(certificate.encoded),
    notAfter: new Date(`${certificate.notAfter}T00:00:00Z`),
    notBefore: new Date(`${certificate.notBefore}T00:00:00Z`),
    publicKey: Uint8Array.from(certificate.publicKey),
  };
  const cardNumber = certificate.holderReference;
  const keyVersion = certificate.keyVersion;

  await tx.cardCertificate.upsert({
    create: { cardNumber, keyVersion, ...stored },
    update: stored,
    where: { cardNumber_keyVersion: { cardNumber, keyVersion } },
  });
}
