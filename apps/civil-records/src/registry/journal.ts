import type { Tx } from '../infrastructure/prisma.service';

import { toIsoDate, toIsoDateOrNull } from './dates';
import type { PersonRecord } from './types';
import type { CourtReference } from './validators';

/** Kind of change a journal entry records; `birth` and `import` are the registration itself. */
export type ChangeKind =
  | 'birth'
  | 'correction'
  | 'death'
  | 'divorce-filed'
  | 'divorce-final'
  | 'divorce-lapsed'
  | 'divorce-withdrawn'
  | 'import'
  | 'marriage'
  | 'widowed';

/** The fields of a person's record that change over time; the national number never does. */
export type RecordState = Omit<PersonRecord, 'externalRef' | 'nationalNumber'>;

export type RecordFields = Partial<RecordState>;

export interface NewJournalEntry {
  decision?: CourtReference | null;
  /** Ids of the records behind the change, such as marriageId or divorceId. */
  details?: Record<string, string>;
  effectiveOn: string;
  fields?: RecordFields;
  kind: ChangeKind;
  nationalNumber: string;
  previous?: RecordFields;
}

export interface JournalEntry {
  changeId: string;
  decision: CourtReference | null;
  details: Record<string, string>;
  /** Legal date the change took effect. */
  effectiveOn: string;
  /** New values of the record fields the change set. */
  fields: RecordFields;
  kind: ChangeKind;
  /** Values of those fields before the change. */
  previous: RecordFields;
  /** When the register recorded the change (ISO timestamp). */
  recordedAt: string;
  /** Client id of the caller that made the change, or null for changes before token checks. */
  recordedBy: string | null;
}

interface JournalRow {
  decision_court: string | null;
  decision_date: Date | null;
  decision_number: string | null;
  details: Record<string, string>;
  effective_on: Date;
  fields: RecordFields;
  id: string;
  kind: ChangeKind;
  national_number: string;
  previous: RecordFields;
  recorded_at: Date;
  recorded_by: string | null;
}

const INSERT_ENTRIES = `
INSERT INTO person_changes (national_number, kind, effective_on, fields, previous,
  decision_number, decision_court, decision_date, details)
SELECT u.national_number, u.kind::person_change_kind, u.effective_on::date, u.fields, u.previous,
  u.decision_number, u.decision_court, u.decision_date::date, u.details
FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[], $6::text[], $7::text[],
  $8::text[], $9::jsonb[])
  AS u(national_number, kind, effective_on, fields, previous, decision_number, decision_court,
    decision_date, details)`;

/** Appends journal entries in one statement, in list order, inside the caller's transaction. */
export async function appendJournal(tx: Tx, entries: readonly NewJournalEntry[]): Promise<void> {
  if (entries.length === 0) return;

  const decision = <K extends keyof CourtReference>(key: K): (string | null)[] =>
    entries.map((entry) => entry.decision?.[key] ?? null);

  await tx.$executeRawUnsafe(
    INSERT_ENTRIES,
    entries.map((entry) => entry.nationalNumber),
    entries.map((entry) => entry.kind),
    entries.map((entry) => entry.effectiveOn),
    entries.map((entry) => JSON.stringify(entry.fields ?? {})),
    entries.map((entry) => JSON.stringify(entry.previous ?? {})),
    decision('number'),
    decision('court'),
    decision('date'),
    entries.map((entry) => JSON.stringify(entry.details ?? {})),
  );
}

function toEntry(row: JournalRow): JournalEntry {
  const decisionDate = toIsoDateOrNull(row.decision_date);

  return {
    changeId: row.id,
    decision:
      decisionDate === null
        ? null
        : {
            court: row.decision_court as string,
            date: decisionDate,
            number: row.decision_number as string,
          },
    details: row.details,
    effectiveOn: toIsoDate(row.effective_on),
    fields: row.fields,
    kind: row.kind,
    previous: row.previous,
    recordedAt: row.recorded_at.toISOString(),
    recordedBy: row.recorded_by,
  };
}

/**
 * Loads the journals of some persons in (effective date, id) order, keyed by national number.
 * With `upTo`, it loads only the entries that took effect on or before that date.
 */
export async function journalsOf(
  tx: Tx,
  nationalNumbers: readonly string[],
  upTo?: string,
): Promise<Map<string, JournalEntry[]>> {
  const journals = new Map<string, JournalEntry[]>();

  if (nationalNumbers.length === 0) return journals;

  const rows = await tx.$queryRawUnsafe<JournalRow[]>(
    `SELECT id::text AS id, national_number, kind::text AS kind, effective_on, recorded_at,
       recorded_by, fields, previous, decision_number, decision_court, decision_date, details
     FROM person_changes
     WHERE national_number = ANY($1::text[]) AND ($2::date IS NULL OR effective_on <= $2::date)
     ORDER BY national_number, effective_on, id`,
    [...new Set(nationalNumbers)],
    upTo ?? null,
  );

  for (const row of rows) {
    const entries = journals.get(row.national_number) ?? [];

    entries.push(toEntry(row));
    journals.set(row.national_number, entries);
  }

  return journals;
}

/**
 * Replays a journal up to `asOf`: the record as it stood on that date, or undefined when the
 * person's registration had not taken effect by then.
 */
export function replayRecord(
  entries: readonly JournalEntry[],
  asOf: string,
): RecordState | undefined {
  let state: RecordFields | undefined;

  for (const entry of entries) {
    if (entry.effectiveOn > asOf) break;

    if (entry.kind === 'birth' || entry.kind === 'import') state = { ...entry.fields };
    else if (state !== undefined) state = { ...state, ...entry.fields };
  }

  return state as RecordState | undefined;
}

/** Finds, for each field, the latest effective date of an entry that set it. */
export function lastChangeOfFields(
  entries: readonly JournalEntry[],
): Map<keyof RecordState, string> {
  const latest = new Map<keyof RecordState, string>();

  for (const entry of entries) {
    for (const field of Object.keys(entry.fields) as (keyof RecordState)[]) {
      const known = latest.get(field);

      if (known === undefined || entry.effectiveOn > known) latest.set(field, entry.effectiveOn);
    }
  }

  return latest;
}
