import { CardError } from '../card-error';

export type TlvErrorCode =
  | 'TLV_TRUNCATED'
  | 'TLV_TAG_NOT_MINIMAL'
  | 'TLV_TAG_TOO_LONG'
  | 'TLV_INDEFINITE_LENGTH'
  | 'TLV_LENGTH_NOT_MINIMAL'
  | 'TLV_LENGTH_TOO_LONG'
  | 'TLV_NESTING_TOO_DEEP'
  | 'TLV_TRAILING_BYTES'
  | 'TLV_INVALID_TAG'
  | 'TLV_VALUE_TOO_LONG'
  | 'TLV_UNEXPECTED_TAG'
  | 'TLV_MISSING_TAG';

/** A BER-TLV error. `offset` is the byte position in the decoded buffer where it was found. */
export class TlvError extends CardError<TlvErrorCode> {
  readonly offset: number | undefined;

  constructor(code: TlvErrorCode, message: string, offset?: number) {
    super(code, offset === undefined ? message : `${message} at offset ${offset}`, { offset });
    this.offset = offset;
  }
}
