import {
  CardKeyError,
  P256_POINT_LENGTH,
  parseCertificate,
  verifyCardCertificate,
  verifyEs256,
  type CardVerifiableCertificate,
} from '@bitaqa/card-keys';

import { CardSignatureError } from './secure-error';
import { decodeTransactionSignature, transactionSignedBytes } from './transaction-signature';

export interface VerifyCardSignatureOptions {
  /** Highest counter already accepted from this card; 0 when none was seen. */
  lastCounter: number;
  /** Card number read from the card; the certificate must name it. */
  cardNumber?: string;
  /** Instant to check certificate validity at; defaults to now. */
  now?: Date;
}

export interface VerifiedCardSignature {
  cardNumber: string;
  keyVersion: number;
  counter: number;
}

function utcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/**
 * Checks a card certificate against a bare issuer public key: the issuer signature, the card
 * role, the validity dates and the card number. An issuer certificate adds the issuer reference
 * and key version checks that `verifyCardCertificate` does.
 */
function verifyWithIssuerKey(
  certificate: Buffer,
  issuerPoint: Buffer,
  options: VerifyCardSignatureOptions,
): CardVerifiableCertificate {
  const card = parseCertificate(certificate);
  const today = utcDate(options.now ?? new Date());

  if (card.role !== 'card' || !verifyEs256(issuerPoint, card.signedBytes, card.signature)) {
    throw new CardKeyError(
      'CERTIFICATE_SIGNATURE_INVALID',
      'card certificate signature does not verify with the issuer public key',
    );
  }

  if (today < card.notBefore || today > card.notAfter) {
    throw new CardKeyError(
      'CERTIFICATE_EXPIRED',
      `card certificate is valid from ${card.notBefore} to ${card.notAfter}, today is ${today}`,
    );
  }

  if (options.cardNumber !== undefined && options.cardNumber !== card.holderReference) {
    throw new CardKeyError(
      'CERTIFICATE_HOLDER_MISMATCH',
      `card certificate is for card ${card.holderReference}, not ${options.cardNumber}`,
    );
  }

  return card;
}

function checkCertificate(
  certificate: Buffer,
  issuer: Buffer,
  options: VerifyCardSignatureOptions,
): CardVerifiableCertificate {
  try {
    const isPoint = issuer.length === P256_POINT_LENGTH && issuer[0] === 0x04;

    return isPoint
      ? verifyWithIssuerKey(certificate, issuer, options)
      : verifyCardCertificate(certificate, issuer, options);
  } catch (error) {
    const reason = error instanceof CardKeyError ? error.code : 'CERTIFICATE_MALFORMED';
    throw new CardSignatureError(
      'CERTIFICATE_REJECTED',
      `card certificate rejected (${reason}): ${error instanceof Error ? error.message : String(error)}`,
      { reason },
      { cause: error },
    );
  }
}

/**
 * Verifies an INTERNAL AUTHENTICATE response offline, as a station does: the card certificate
 * against the issuer (an issuer certificate, or the issuer's uncompressed P-256 public key),
 * the card's signature over format 01 || challenge || counter || data, and that the counter is
 * above `options.lastCounter`. An equal counter is a replay (`SIGNATURE_REPLAYED`), a lower one
 * `SIGNATURE_COUNTER_BACKWARDS`. The caller stores the returned counter for the card.
 */
export function verifyCardSignature(
  certificate: Buffer,
  issuer: Buffer,
  challenge: Buffer,
  transactionData: Buffer,
  response: Buffer,
  options: VerifyCardSignatureOptions,
): VerifiedCardSignature {
  const card = checkCertificate(certificate, issuer, options);

  const parsed = decodeTransactionSignature(response);
  if (parsed === null) {
    throw new CardSignatureError(
      'SIGNATURE_RESPONSE_MALFORMED',
      `an INTERNAL AUTHENTICATE response has 68 bytes, got ${response.length}`,
      { length: response.length },
    );
  }

  const signed = transactionSignedBytes(challenge, parsed.counter, transactionData);
  if (!verifyEs256(card.publicKey, signed, parsed.signature)) {
    throw new CardSignatureError(
      'SIGNATURE_INVALID',
      `signature of card ${card.holderReference} does not verify over this challenge and data`,
      { cardNumber: card.holderReference, counter: parsed.counter },
    );
  }

  if (parsed.counter <= options.lastCounter) {
    const replayed = parsed.counter === options.lastCounter;
    throw new CardSignatureError(
      replayed ? 'SIGNATURE_REPLAYED' : 'SIGNATURE_COUNTER_BACKWARDS',
      `card ${card.holderReference} signed with counter ${parsed.counter}, ` +
        `the last accepted counter is ${options.lastCounter}`,
      {
        cardNumber: card.holderReference,
        counter: parsed.counter,
        lastCounter: options.lastCounter,
      },
    );
  }

  return { cardNumber: card.holderReference, keyVersion: card.keyVersion, counter: parsed.counter };
}
