export type TrustAnchorErrorCode =
  | 'CARD_AUTHORITY_NOT_CONFIGURED'
  | 'CARD_AUTHORITY_UNAVAILABLE'
  | 'ISSUER_CERTIFICATE_INVALID'
  | 'ISSUER_CERTIFICATES_FILE_INVALID'
  | 'TRUST_ANCHOR_CONFLICT';

/** A failure to load or refresh the issuer certificates the station trusts. */
export class TrustAnchorError extends Error {
  constructor(
    readonly code: TrustAnchorErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TrustAnchorError';
  }
}
