import { CardError } from '../card-error';

export type RekeyErrorCode =
  | 'REKEY_PACKAGE_INVALID'
  | 'CARD_NUMBER_MISMATCH'
  | 'CARD_KEY_VERSION_UNKNOWN'
  | 'KEY_VERSION_NOT_NEWER'
  | 'PUT_KEY_REJECTED'
  | 'CERTIFICATE_NOT_WRITTEN'
  | 'NEW_KEYS_NOT_PROVEN';

/** A re-key that did not finish; the card has either its old or its new key set. */
export class RekeyError extends CardError<RekeyErrorCode> {}
