import { PersonDied, PersonRegistered } from '@bitaqa/contracts';

import type { Tx } from '../../infrastructure/prisma.service';
import { personRegisteredData } from '../../registry/events';
import type { PersonRecord } from '../../registry/types';
import { enqueueBulkEvents } from '../bulk-outbox';
import { insertKeys, loadKeyLines } from '../job/job-records';
import { maxSerials, raiseSequences } from '../sequence-floor';
import type { RejectEntry } from '../types';

import { importedOnLine, importRef } from './import-ref';
import { decidePerson, type PersonCandidate, type PersonContext } from './person-checks';
import { insertPersons, loadPersons } from './person-queries';

export interface PersonBatchResult {
  accepted: number;
  events: number;
  existing: number;
}

/** Serial of a national number: the eight digits between the governorate and the check digit. */
function serialOf(nationalNumber: string): number {
  return Number(nationalNumber.slice(2, 10));
}

/**
 * Writes one batch of persons inside the caller's transaction. It raises the national-number
 * sequences past the batch's serials, decides each line in file order and inserts the new
 * persons. Each new person gets PersonRegistered, and PersonDied when a date of death is given.
 * Rejected lines are appended to `rejects`.
 */
export async function savePersonBatch(
  tx: Tx,
  jobId: string,
  candidates: readonly PersonCandidate[],
  rejects: RejectEntry[],
): Promise<PersonBatchResult> {
  // Every well-formed number moves the sequence, a rejected line's too, because it is most
  // likely a real number of the old register and a birth must not take it before the fix.
  await raiseSequences(
    tx,
    'national_number_sequences',
    maxSerials(
      candidates.map(({ person }) => ({
        governorate: person.registrationGovernorate,
        serial: serialOf(person.nationalNumber),
      })),
    ),
  );

  const context = await loadContext(tx, jobId, candidates);
  const fresh: PersonCandidate[] = [];
  const existing: { key: string; line: number }[] = [];

  for (const candidate of candidates) {
    const decision = decidePerson(candidate, context);

    if (decision.kind === 'reject') {
      rejects.push(decision.reject);
      continue;
    }

    context.takenOnLine.set(candidate.person.nationalNumber, candidate.line);
    if (decision.kind === 'existing') {
      existing.push({ key: candidate.person.nationalNumber, line: candidate.line });
      continue;
    }

    candidate.person.externalRef = importRef(jobId, candidate.line);
    context.accepted.set(candidate.person.nationalNumber, candidate.person);
    fresh.push(candidate);
  }

  const created = await insertFresh(tx, fresh, rejects);

  await insertKeys(tx, jobId, 'persons', existing);

  return {
    accepted: created.length,
    events: await enqueuePersonEvents(tx, created),
    existing: existing.length,
  };
}

async function loadContext(
  tx: Tx,
  jobId: string,
  candidates: readonly PersonCandidate[],
): Promise<PersonContext> {
  const numbers = candidates.map(({ person }) => person.nationalNumber);
  const parents = candidates.flatMap(({ person }) =>
    [person.fatherNationalNumber, person.motherNationalNumber].filter((nn) => nn !== null),
  );
  const stored = await loadPersons(tx, [...numbers, ...parents]);
  const takenOnLine = await loadKeyLines(tx, jobId, 'persons', numbers);

  for (const person of stored.values()) {
    const line = importedOnLine(person.externalRef, jobId);

    if (line !== undefined) takenOnLine.set(person.nationalNumber, line);
  }

  return { accepted: new Map(), stored, takenOnLine };
}

/**
 * Inserts the accepted persons. The sequence locks keep births from taking these numbers, so a
 * number found taken here was inserted by another import at the same time and is a conflict.
 */
async function insertFresh(
  tx: Tx,
  fresh: readonly PersonCandidate[],
  rejects: RejectEntry[],
): Promise<PersonRecord[]> {
  const inserted = await insertPersons(
    tx,
    fresh.map(({ person }) => person),
  );
  const created: PersonRecord[] = [];

  for (const { line, person } of fresh) {
    if (inserted.has(person.nationalNumber)) {
      created.push(person);
      continue;
    }

    rejects.push({
      code: 'NATIONAL_NUMBER_CONFLICT',
      column: 'national_number',
      line,
      message: `national number ${person.nationalNumber} was registered by another request during the import`,
      value: person.nationalNumber,
    });
  }

  return created;
}

/** Enqueues PersonRegistered for every new person, then PersonDied for those who have died. */
async function enqueuePersonEvents(tx: Tx, created: readonly PersonRecord[]): Promise<number> {
  const deceased = created.filter((person) => person.dateOfDeath !== null);

  await enqueueBulkEvents(
    tx,
    PersonRegistered,
    created.map((person) => personRegisteredData(person, 'import')),
  );
  await enqueueBulkEvents(
    tx,
    PersonDied,
    deceased.map((person) => ({
      dateOfDeath: person.dateOfDeath as string,
      nationalNumber: person.nationalNumber,
    })),
  );

  return created.length + deceased.length;
}
