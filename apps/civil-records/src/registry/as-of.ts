import { NotFoundError } from '@bitaqa/http';

import { replayRecord, type JournalEntry, type RecordState } from './journal';

/** A membership or marriage period as it stood on `asOf`: an end after that date is not known yet. */
export function endAsOf(end: string | null, asOf: string): string | null {
  return end !== null && end <= asOf ? end : null;
}

/** The record of a person born by `asOf`, or undefined for one not registered or born yet. */
export function bornRecordAsOf(
  journal: readonly JournalEntry[],
  asOf: string,
): RecordState | undefined {
  const record = replayRecord(journal, asOf);

  return record !== undefined && record.birthDate <= asOf ? record : undefined;
}

/** The 404 of a person who exists in the register but was not born on the date asked for. */
export function notBornError(
  nationalNumber: string,
  asOf: string,
  birthDate: string,
): NotFoundError {
  return new NotFoundError('PERSON_NOT_BORN', `person ${nationalNumber} was not born on ${asOf}`, {
    field: 'asOf',
    hint: `the register records the birth on ${birthDate}; ask for that date or later`,
    value: asOf,
  });
}
