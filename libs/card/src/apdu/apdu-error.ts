import { CardError } from '../card-error';

export type ApduErrorCode =
  | 'APDU_MALFORMED'
  | 'APDU_FIELD_OUT_OF_RANGE'
  | 'RESPONSE_TOO_SHORT'
  | 'UNEXPECTED_STATUS_WORD'
  | 'UNEXPECTED_RESPONSE_DATA';

export class ApduError extends CardError<ApduErrorCode> {}
