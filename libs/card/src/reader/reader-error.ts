import { CardError } from '../card-error';

export type ReaderErrorCode =
  | 'PCSC_UNAVAILABLE'
  | 'READER_NOT_FOUND'
  | 'READER_BUSY'
  | 'NO_CARD'
  | 'CARD_REMOVED'
  | 'CARD_RESET'
  | 'CARD_UNRESPONSIVE'
  | 'TIMEOUT'
  | 'TRANSMIT_FAILED'
  | 'DISCONNECTED'
  | 'PCSC_FAILED';

export class ReaderError extends CardError<ReaderErrorCode> {}

/**
 * Message texts of the `smartcard` 3.7 native binding, which rejects with a plain Error whose
 * message is its text for the PC/SC return code.
 */
const CODES_BY_MESSAGE: ReadonlyArray<[string, ReaderErrorCode]> = [
  ['PC/SC service not running', 'PCSC_UNAVAILABLE'],
  ['PC/SC service stopped', 'PCSC_UNAVAILABLE'],
  ['Context is not valid', 'PCSC_UNAVAILABLE'],
  ['Invalid handle', 'PCSC_UNAVAILABLE'],
  ['Unknown reader', 'READER_NOT_FOUND'],
  ['Reader unavailable', 'READER_NOT_FOUND'],
  ['No readers available', 'READER_NOT_FOUND'],
  ['Sharing violation', 'READER_BUSY'],
  ['No smart card present', 'NO_CARD'],
  ['Card was removed', 'CARD_REMOVED'],
  ['Card is unpowered', 'CARD_REMOVED'],
  ['Card was reset', 'CARD_RESET'],
  ['Card is unresponsive', 'CARD_UNRESPONSIVE'],
  ['Operation timed out', 'TIMEOUT'],
  ['Transaction failed', 'TRANSMIT_FAILED'],
];

/** Wraps an error of the PC/SC binding in a `ReaderError` with a code for the failure. */
export function toReaderError(error: unknown, operation: string, readerName?: string): ReaderError {
  if (error instanceof ReaderError) {
    return error;
  }

  const message = error instanceof Error ? error.message : String(error);
  const code = CODES_BY_MESSAGE.find(([text]) => message.includes(text))?.[1] ?? 'PCSC_FAILED';
  const where = readerName === undefined ? '' : ` in reader "${readerName}"`;

  return new ReaderError(
    code,
    `${operation}${where} failed: ${message}`,
    { operation, readerName },
    { cause: error },
  );
}
