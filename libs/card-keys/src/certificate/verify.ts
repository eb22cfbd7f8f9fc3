import { verifyEs256 } from '../ec';
import { CardKeyError } from '../errors';
import { utcDate } from './certificate-dates';
import { parseCertificate, type CardVerifiableCertificate } from './cv-certificate';

export interface VerifyOptions {
  /** Card number read from the card; the certificate must name it. */
  cardNumber?: string;
  /** Instant to check validity at; defaults to the current time. */
  now?: Date;
}

function assertValidAt(certificate: CardVerifiableCertificate, now: Date, name: string): void {
  const today = utcDate(now);

  if (today < certificate.notBefore) {
    throw new CardKeyError(
      'CERTIFICATE_NOT_YET_VALID',
      `${name} is valid from ${certificate.notBefore}, today is ${today}`,
    );
  }

  if (today > certificate.notAfter) {
    throw new CardKeyError(
      'CERTIFICATE_EXPIRED',
      `${name} expired on ${certificate.notAfter}, today is ${today}`,
    );
  }
}

function assertSignedBy(
  certificate: CardVerifiableCertificate,
  issuerPoint: Buffer,
  name: string,
): void {
  if (!verifyEs256(issuerPoint, certificate.signedBytes, certificate.signature)) {
    throw new CardKeyError(
      'CERTIFICATE_SIGNATURE_INVALID',
      `${name} signature does not verify with the issuer key`,
    );
  }
}

/**
 * Checks an issuer certificate that a station was given as its trust anchor: self-signed, with
 * holder equal to issuer, and valid at `now`. Whether to trust it is decided by how it was
 * delivered (pinned at installation), not by this check.
 */
export function verifyIssuerCertificate(
  encoded: Uint8Array,
  options: VerifyOptions = {},
): CardVerifiableCertificate {
  const issuer = parseCertificate(encoded);

  if (issuer.role !== 'issuer' || issuer.holderReference !== issuer.issuerReference) {
    throw new CardKeyError(
      'CERTIFICATE_ISSUER_MISMATCH',
      `certificate of ${issuer.holderReference} is not a self-signed issuer certificate`,
    );
  }

  assertSignedBy(issuer, issuer.publicKey, 'issuer certificate');
  assertValidAt(issuer, options.now ?? new Date(), 'issuer certificate');

  return issuer;
}

/**
 * Verifies a card certificate offline against an issuer certificate: the issuer reference and key
 * version match, the ES256 signature verifies with the issuer's public key, both certificates are
 * valid at `now`, and the holder is `options.cardNumber` when given. Throws a `CardKeyError`
 * with a `CERTIFICATE_*` code on the first failed check.
 */
export function verifyCardCertificate(
  encoded: Uint8Array,
  issuerCertificate: Uint8Array,
  options: VerifyOptions = {},
): CardVerifiableCertificate {
  const issuer = verifyIssuerCertificate(issuerCertificate, options);
  const card = parseCertificate(encoded);

  if (
    card.role !== 'card' ||
    card.issuerReference !== issuer.holderReference ||
    card.keyVersion !== issuer.keyVersion
  ) {
    throw new CardKeyError(
      'CERTIFICATE_ISSUER_MISMATCH',
      `card certificate names issuer ${card.issuerReference} key version ${card.keyVersion}, ` +
        `the issuer certificate is ${issuer.holderReference} key version ${issuer.keyVersion}`,
    );
  }

  assertSignedBy(card, issuer.publicKey, 'card certificate');
  assertValidAt(card, options.now ?? new Date(), 'card certificate');

  if (options.cardNumber !== undefined && options.cardNumber !== card.holderReference) {
    throw new CardKeyError(
      'CERTIFICATE_HOLDER_MISMATCH',
      `card certificate is for card ${card.holderReference}, not ${options.cardNumber}`,
    );
  }

  return card;
}
