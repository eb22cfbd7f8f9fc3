import { CardError } from '../card-error';

export type PersonalizationErrorCode =
  /** The input fails validation; no card was touched and a retry will fail the same way. */
  | 'INVALID_PERSONALIZATION_DATA'
  /** The card keys, signing key or certificate are malformed or do not belong together. */
  | 'INVALID_CARD_SECRETS'
  /** The card has no Bitaqa application. */
  | 'NOT_A_BITAQA_CARD'
  /** The card is personalized already or contains data from an earlier attempt. */
  | 'CARD_NOT_BLANK'
  /** The card left the reader before anything was written; it is still blank. */
  | 'CARD_REMOVED'
  /** Something failed before anything was written; the card is still blank. */
  | 'CARD_FAILED'
  /** Writing started and did not finish with verified data: the card must not be issued. */
  | 'CARD_SPOILED';

export class PersonalizationError extends CardError<PersonalizationErrorCode> {
  /** True when the card contains partial or unverified data and must be discarded. */
  readonly spoiled: boolean;
  /** Step that failed, such as `write EF 0101` or `verify EF 0104`. */
  readonly step: string;

  constructor(
    code: PersonalizationErrorCode,
    message: string,
    step: string,
    details: Record<string, unknown> = {},
    cause?: unknown,
  ) {
    super(code, message, { ...details, step }, { cause });
    this.spoiled = code === 'CARD_SPOILED';
    this.step = step;
  }
}
