/** Codes of {@link CardKeyError}, one per kind of failure a caller may handle. */
export type CardKeyErrorCode =
  | 'INVALID_KEY'
  | 'INVALID_ARGUMENT'
  | 'KEY_NOT_FOUND'
  | 'KEY_STORE_FAILED'
  | 'CERTIFICATE_MALFORMED'
  | 'CERTIFICATE_SIGNATURE_INVALID'
  | 'CERTIFICATE_EXPIRED'
  | 'CERTIFICATE_NOT_YET_VALID'
  | 'CERTIFICATE_ISSUER_MISMATCH'
  | 'CERTIFICATE_HOLDER_MISMATCH';

/** A failure of key derivation, a key store or certificate handling, with a stable code. */
export class CardKeyError extends Error {
  constructor(
    readonly code: CardKeyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CardKeyError';
  }
}
