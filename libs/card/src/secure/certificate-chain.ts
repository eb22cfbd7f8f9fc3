import {
  CardKeyError,
  parseCertificate,
  publicKeyFromPoint,
  verifyEs256,
  type CardVerifiableCertificate,
} from '@bitaqa/card-keys';

import { CardSignatureError } from './secure-error';

/**
 * An issuer public key that a station trusts for one key version, taken from the authority's
 * self-signed issuer certificate of that version.
 */
export interface TrustAnchor {
  /** Issuer reference of the version, such as `SY-BITAQA-K0001`. */
  issuerReference: string;
  keyVersion: number;
  /** Last UTC calendar day of the issuer certificate, YYYY-MM-DD. */
  notAfter: string;
  /** The issuer's P-256 public key as an uncompressed point. */
  publicKey: Buffer;
  /** True once the authority retired the version: its card certificates are no longer valid. */
  retired: boolean;
}

/** Finds the anchor of one key version; undefined when the station does not hold it. */
export type TrustAnchorLookup = (keyVersion: number) => TrustAnchor | undefined;

function utcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

function parseCardCertificate(certificate: Buffer | null): CardVerifiableCertificate {
  if (certificate === null) {
    throw new CardSignatureError('CERTIFICATE_MISSING', 'the card carries no card certificate');
  }

  try {
    const parsed = parseCertificate(certificate);

    // The decoder checks the point's length and prefix only; this also checks it is on P-256.
    publicKeyFromPoint(parsed.publicKey);
    if (parsed.role === 'card') return parsed;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);

    throw new CardSignatureError(
      'CERTIFICATE_MALFORMED',
      `the card certificate cannot be decoded: ${reason}`,
      { reason: error instanceof CardKeyError ? error.code : 'UNKNOWN' },
      { cause: error },
    );
  }

  throw new CardSignatureError(
    'CERTIFICATE_MALFORMED',
    'the certificate on the card is an issuer certificate, not a card certificate',
  );
}

function requireAnchor(
  card: CardVerifiableCertificate,
  findAnchor: TrustAnchorLookup,
  today: string,
): TrustAnchor {
  const details = { certificateCardNumber: card.holderReference, keyVersion: card.keyVersion };
  const anchor = findAnchor(card.keyVersion);

  if (anchor === undefined) {
    throw new CardSignatureError(
      'ISSUER_KEY_UNKNOWN',
      `the station holds no issuer key of version ${card.keyVersion}, which certified the card`,
      details,
    );
  }

  if (anchor.retired) {
    throw new CardSignatureError(
      'ISSUER_KEY_RETIRED',
      `issuer key version ${card.keyVersion} is retired; its card certificates are not accepted`,
      details,
    );
  }

  if (today > anchor.notAfter) {
    throw new CardSignatureError(
      'ISSUER_CERTIFICATE_EXPIRED',
      `the issuer certificate of key version ${card.keyVersion} expired on ${anchor.notAfter}`,
      details,
    );
  }

  if (card.issuerReference !== anchor.issuerReference) {
    throw new CardSignatureError(
      'CERTIFICATE_ISSUER_MISMATCH',
      `the card certificate names issuer ${card.issuerReference}, key version ` +
        `${card.keyVersion} is ${anchor.issuerReference}`,
      details,
    );
  }

  return anchor;
}

function assertValidOn(card: CardVerifiableCertificate, today: string): void {
  const details = {
    certificateCardNumber: card.holderReference,
    notAfter: card.notAfter,
    notBefore: card.notBefore,
  };

  if (today < card.notBefore) {
    throw new CardSignatureError(
      'CERTIFICATE_NOT_YET_VALID',
      `the card certificate is valid from ${card.notBefore}, today (UTC) is ${today}`,
      details,
    );
  }

  if (today > card.notAfter) {
    throw new CardSignatureError(
      'CERTIFICATE_EXPIRED',
      `the card certificate expired on ${card.notAfter}, today (UTC) is ${today}`,
      details,
    );
  }
}

/**
 * Checks the card certificate read from a card, offline: it is a card certificate, the station
 * holds a trusted, unexpired issuer key of its version with the same issuer reference, the
 * issuer's ES256 signature verifies, it is valid on the UTC date of `now`, and it names
 * `cardNumber`. Throws a `CardSignatureError` whose code names the first failed check.
 */
export function checkCardCertificateChain(
  certificate: Buffer | null,
  cardNumber: string,
  findAnchor: TrustAnchorLookup,
  now: Date,
): CardVerifiableCertificate {
  const today = utcDate(now);
  const card = parseCardCertificate(certificate);
  const anchor = requireAnchor(card, findAnchor, today);

  if (!verifyEs256(anchor.publicKey, card.signedBytes, card.signature)) {
    throw new CardSignatureError(
      'CERTIFICATE_SIGNATURE_INVALID',
      `the card certificate's signature does not verify with issuer key version ${card.keyVersion}`,
      { certificateCardNumber: card.holderReference, keyVersion: card.keyVersion },
    );
  }

  assertValidOn(card, today);

  if (card.holderReference !== cardNumber) {
    throw new CardSignatureError(
      'CERTIFICATE_HOLDER_MISMATCH',
      `the card certificate is for card ${card.holderReference}, the card is ${cardNumber}`,
      { certificateCardNumber: card.holderReference, keyVersion: card.keyVersion },
    );
  }

  return card;
}
