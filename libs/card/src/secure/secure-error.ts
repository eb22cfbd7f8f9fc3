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
  | 'CERTIFICATE_REJECTED';

/** A transaction signature that a station must not accept, with the reason as `code`. */
export class CardSignatureError extends CardError<CardSignatureErrorCode> {}
