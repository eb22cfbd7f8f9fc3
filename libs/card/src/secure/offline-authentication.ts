import { verifyEs256 } from '@bitaqa/card-keys';

import { checkCardCertificateChain, type TrustAnchorLookup } from './certificate-chain';
import { CardSignatureError } from './secure-error';
import { decodeTransactionSignature, transactionSignedBytes } from './transaction-signature';

/** A station's record of one card's earlier signatures. */
export interface CardSignatureHistory {
  /** Highest counter accepted from the card; 0 when none was seen. */
  lastCounter: number;
  /** True when this station was shown this exact signature before. */
  isSignatureUsed(signature: Buffer): boolean;
}

/** One INTERNAL AUTHENTICATE exchange as the station saw it. */
export interface CardAuthenticationInput {
  /** Card number read from the card's card number file. */
  cardNumber: string;
  /** Card certificate read from the card; null when the file is empty. */
  certificate: Buffer | null;
  /** The station's fresh random challenge. */
  challenge: Buffer;
  /** Instant of the check; certificate dates are compared with its UTC calendar date. */
  now: Date;
  /** INTERNAL AUTHENTICATE response data: counter || signature. */
  response: Buffer;
  transactionData: Buffer;
}

export interface AuthenticatedCard {
  cardNumber: string;
  counter: number;
  keyVersion: number;
  /** The card's ECDSA signature, r || s; the station stores it to detect a replay. */
  signature: Buffer;
}

function decodeResponse(response: Buffer) {
  const parsed = decodeTransactionSignature(response);

  if (parsed === null) {
    throw new CardSignatureError(
      'SIGNATURE_RESPONSE_MALFORMED',
      `an INTERNAL AUTHENTICATE response has 68 bytes, got ${response.length}`,
      { length: response.length },
    );
  }

  return parsed;
}

function assertCounterIncreased(cardNumber: string, counter: number, lastCounter: number): void {
  if (counter > lastCounter) return;

  const details = { cardNumber, counter, lastCounter };

  if (counter === lastCounter) {
    throw new CardSignatureError(
      'SIGNATURE_COUNTER_REUSED',
      `card ${cardNumber} signed a new challenge with counter ${counter}, which it already used; ` +
        'two cards share one card state',
      details,
    );
  }

  throw new CardSignatureError(
    'SIGNATURE_COUNTER_BACKWARDS',
    `card ${cardNumber} signed with counter ${counter}, below the last accepted ${lastCounter}; ` +
      'the card state was restored from an earlier copy',
    details,
  );
}

/**
 * Authenticates a card offline, as a station does on every sale: the certificate chain (see
 * `checkCardCertificateChain`), then that the signature was never presented before
 * (`SIGNATURE_REPLAYED`), that it verifies with the certified card key over format 01 ||
 * challenge || counter || transaction data (`SIGNATURE_INVALID`), and that the counter is above
 * `history.lastCounter` (`SIGNATURE_COUNTER_REUSED` when equal, `SIGNATURE_COUNTER_BACKWARDS`
 * when lower). The caller stores the returned counter and signature.
 */
export function authenticateCardOffline(
  input: CardAuthenticationInput,
  findAnchor: TrustAnchorLookup,
  history: CardSignatureHistory,
): AuthenticatedCard {
  const card = checkCardCertificateChain(
    input.certificate,
    input.cardNumber,
    findAnchor,
    input.now,
  );
  const { counter, signature } = decodeResponse(input.response);

  // A replayed response carries the signature over an old challenge, so it fails verification
  // below; the history check first gives it its own code.
  if (history.isSignatureUsed(signature)) {
    throw new CardSignatureError(
      'SIGNATURE_REPLAYED',
      `card ${input.cardNumber} returned a signature that was already presented (counter ${counter})`,
      { cardNumber: input.cardNumber, counter, lastCounter: history.lastCounter },
    );
  }

  const signed = transactionSignedBytes(input.challenge, counter, input.transactionData);

  if (!verifyEs256(card.publicKey, signed, signature)) {
    throw new CardSignatureError(
      'SIGNATURE_INVALID',
      `the signature of card ${input.cardNumber} does not verify over this challenge and data`,
      { cardNumber: input.cardNumber, counter, keyVersion: card.keyVersion },
    );
  }

  assertCounterIncreased(input.cardNumber, counter, history.lastCounter);

  return { cardNumber: input.cardNumber, counter, keyVersion: card.keyVersion, signature };
}
