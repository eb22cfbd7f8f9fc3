import { CardError } from '../card-error';

export type MrzErrorCode =
  'MRZ_INVALID_FIELD' | 'MRZ_FIELD_TOO_LONG' | 'MRZ_UNSUPPORTED_CHARACTER' | 'MRZ_MALFORMED';

export class MrzError extends CardError<MrzErrorCode> {}
