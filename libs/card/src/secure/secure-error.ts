import { CardError } from '../card-error';

export type SecureChannelErrorCode =
  | 'AUTHENTICATION_FAILED'
  | 'AUTHENTICATION_BLOCKED'
  | 'CARD_CRYPTOGRAM_INVALID'
  | 'SECURE_MESSAGING_REJECTED'
  | 'RESPONSE_MAC_INVALID'
  | 'CHANNEL_CLOSED'
  | 'COMMAND_TOO_LONG';

/** A failure to open or use the secure channel, seen from the host. */
export class SecureChannelError extends CardError<SecureChannelErrorCode> {}

export type CardSignatureErrorCode =
  | 'SIGNATURE_RESPONSE_MALFORMED'
  | 'SIGNATURE_INVALID'
  | 'SIGNATURE_REPLAYED'
  | 'SIGNATURE_COUNTER_BACKWARDS'
  | 'SIGNATURE_COUNTER_REUSED'
  | 'CERTIFICATE_REJECTED'
  | 'CERTIFICATE_MISSING'
  | 'CERTIFICATE_MALFORMED'
  | 'CERTIFICATE_ISSUER_MISMATCH'
  | 'CERTIFICATE_SIGNATURE_INVALID'
  | 'CERTIFICATE_NOT_YET_VALID'
  | 'CERTIFICATE_EXPIRED'
  | 'CERTIFICATE_HOLDER_MISMATCH'
  | 'ISSUER_KEY_UNKNOWN'
  | 'ISSUER_KEY_RETIRED'
  | 'ISSUER_CERTIFICATE_EXPIRED';

/** A transaction signature that a station must not accept, with the reason as `code`. */
export class CardSignatureError extends CardError<CardSignatureErrorCode> {}
