import { NotFoundError } from '@bitaqa/http';

import { replayRecord, type JournalEntry, type RecordState } from './journal';

/** Returns the end of a membership or marriage as known on `asOf`: null when it ends later. */
export function endAsOf(end: string | null, asOf: string): string | null {
  return end !== null && end <= asOf ? end : null;
}

/** Replays the record of a person born by `asOf`; undefined when not registered or born yet. */
export function bornRecordAsOf(
  journal: readonly JournalEntry[],
  asOf: string,
): RecordState | undefined {
  const record = replayRecord(journal, asOf);

  return record !== undefined && record.birthDate <= asOf ? record : undefined;
}

/** Builds the 404 of a registered person who was not born yet on the date requested. */
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
