import { splitCsvLine } from '../csv/csv-fields';
import type { ColumnIndex } from '../csv/header';
import { MAX_LINE_BYTES, type LineSource, type SourceLine } from '../csv/line-source';
import { RowReader } from '../csv/row-reader';
import {
  newFamilyGroup,
  readFamilyLine,
  type FamilyColumn,
  type FamilyGroup,
  type FamilyLineRead,
} from '../families/family-row';
import type { PersonCandidate } from '../persons/person-checks';
import { readPersonRow, type PersonColumn } from '../persons/person-row';
import type { RejectEntry } from '../types';

/** Column layout that a file's header declares. */
export interface FileLayout<Name extends string> {
  columns: ColumnIndex<Name>;
  /** Fields every line must have. */
  count: number;
}

/** Lines read for one batch, before the database decides on them. */
export interface ReadBatch<Item> {
  items: Item[];
  /** The last line the batch consumed; the committed position moves past it. */
  lastLine: SourceLine | undefined;
  /** Records read: data lines, or families plus lines naming no readable family. */
  read: number;
  /** Whether the file has no line after this batch. */
  reachedEnd: boolean;
  /** Problems found on the lines themselves, before any database check. */
  rejects: RejectEntry[];
}

/** Splits a line into its fields, or returns the MALFORMED_CSV problem that stops it. */
function fieldsOf(line: SourceLine, count: number): string[] | RejectEntry {
  const malformed = (message: string): RejectEntry => ({
    code: 'MALFORMED_CSV',
    column: null,
    line: line.number,
    message,
    value: null,
  });

  if (line.tooLong) return malformed(`the line is longer than ${MAX_LINE_BYTES} bytes`);
  // PostgreSQL text cannot hold a NUL character, so such a value could not even be reported.
  if (line.text.includes('\u0000')) return malformed('the line contains a NUL character');

  const split = splitCsvLine(line.text);

  if (!split.ok) return malformed(split.message);
  if (split.fields.length !== count) {
    return malformed(`expected ${count} fields as in the header, found ${split.fields.length}`);
  }

  return split.fields;
}

function isBlank(line: SourceLine): boolean {
  return !line.tooLong && line.text.trim() === '';
}

/** Reads up to `size` data lines of the persons file; blank lines are skipped and not counted. */
export async function readPersonBatch(
  source: LineSource,
  layout: FileLayout<PersonColumn>,
  size: number,
  today: string,
): Promise<ReadBatch<PersonCandidate>> {
  const batch: ReadBatch<PersonCandidate> = {
    items: [],
    lastLine: undefined,
    reachedEnd: false,
    read: 0,
    rejects: [],
  };

  while (batch.read < size) {
    const line = await source.next();

    if (!line) break;

    batch.lastLine = line;
    if (isBlank(line)) continue;

    batch.read += 1;

    const fields = fieldsOf(line, layout.count);

    if (!Array.isArray(fields)) {
      batch.rejects.push(fields);
      continue;
    }

    const row = new RowReader(fields, layout.columns, line.number, today);
    const person = readPersonRow(row);

    if (person) batch.items.push({ line: line.number, person });
    else batch.rejects.push(...row.problems);
  }

  batch.reachedEnd = (await source.peek()) === undefined;

  return batch;
}

type FamilyLineParse = FamilyLineRead | { blank: true } | { malformed: RejectEntry };

function parseFamilyLine(
  line: SourceLine,
  layout: FileLayout<FamilyColumn>,
  today: string,
): FamilyLineParse {
  if (isBlank(line)) return { blank: true };

  const fields = fieldsOf(line, layout.count);

  if (!Array.isArray(fields)) return { malformed: fields };

  return readFamilyLine(new RowReader(fields, layout.columns, line.number, today));
}

/**
 * Reads whole families: consecutive lines with the same family id form one family, and a batch
 * ends only between two families once it contains `size` lines, so a batch never splits a family.
 */
export async function readFamilyBatch(
  source: LineSource,
  layout: FileLayout<FamilyColumn>,
  size: number,
  today: string,
): Promise<ReadBatch<FamilyGroup>> {
  const batch: ReadBatch<FamilyGroup> = {
    items: [],
    lastLine: undefined,
    reachedEnd: false,
    read: 0,
    rejects: [],
  };
  let lines = 0;
  let current: FamilyGroup | undefined;

  for (let line = await source.peek(); line; line = await source.peek()) {
    const parsed = parseFamilyLine(line, layout, today);
    const startsFamily = 'ok' in parsed && parsed.ok && parsed.familyId !== current?.familyId;

    if (lines >= size && (current === undefined || startsFamily)) break;

    await source.next();
    batch.lastLine = line;
    if ('blank' in parsed) continue;

    lines += 1;
    if ('malformed' in parsed || !parsed.ok) {
      batch.rejects.push(...('malformed' in parsed ? [parsed.malformed] : parsed.problems));
      batch.read += 1;
      continue;
    }
    if (startsFamily) {
      current = newFamilyGroup(parsed.familyId);
      batch.items.push(current);
      batch.read += 1;
    }
    (current as FamilyGroup).members.push(parsed.member);
  }

  batch.reachedEnd = (await source.peek()) === undefined;

  return batch;
}
