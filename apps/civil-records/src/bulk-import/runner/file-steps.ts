import type { Tx } from '../../infrastructure/prisma.service';
import { readHeader, type ColumnSpec } from '../csv/header';
import type { LineSource } from '../csv/line-source';
import { saveFamilyBatch } from '../families/family-batch';
import { FAMILY_COLUMNS, type FamilyGroup } from '../families/family-row';
import { savePersonBatch } from '../persons/person-batch';
import type { PersonCandidate } from '../persons/person-checks';
import { PERSON_COLUMNS } from '../persons/person-row';
import type { FileKind, RejectEntry } from '../types';

import { readFamilyBatch, readPersonBatch, type ReadBatch } from './batch-reader';

/** How the runner reads and saves the batches of one kind of file. */
export interface FileSteps<Item> {
  read(source: LineSource, size: number, today: string): Promise<ReadBatch<Item>>;
  save(
    tx: Tx,
    jobId: string,
    items: Item[],
    rejects: RejectEntry[],
  ): Promise<{ accepted: number; events: number; existing: number }>;
}

/** The header does not fit the file's columns. */
export class ImportHeaderError extends Error {
  readonly code = 'CSV_HEADER_INVALID';
}

/** Header names of each file's columns, with whether each must be present. */
export const FILE_COLUMNS: Record<FileKind, readonly ColumnSpec[]> = {
  families: FAMILY_COLUMNS,
  persons: PERSON_COLUMNS,
};

function checkedHeader<Name extends string>(
  kind: FileKind,
  headerLine: string | undefined,
  specs: readonly (ColumnSpec & { name: Name })[],
) {
  const header = readHeader(headerLine, specs);

  if (!header.ok) throw new ImportHeaderError(`${kind} file: ${header.message}`);

  return header;
}

export function personSteps(headerLine: string | undefined): FileSteps<PersonCandidate> {
  const layout = checkedHeader('persons', headerLine, PERSON_COLUMNS);

  return {
    read: (source, size, today) => readPersonBatch(source, layout, size, today),
    save: savePersonBatch,
  };
}

export function familySteps(headerLine: string | undefined): FileSteps<FamilyGroup> {
  const layout = checkedHeader('families', headerLine, FAMILY_COLUMNS);

  return {
    read: (source, size, today) => readFamilyBatch(source, layout, size, today),
    save: saveFamilyBatch,
  };
}
