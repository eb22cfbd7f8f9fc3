import type { FamilyRole } from '../../registry/types';
import type { ColumnSpec } from '../csv/header';
import type { RowReader } from '../csv/row-reader';
import type { RejectEntry } from '../types';

/** Columns of the families file: one line per member, the lines of a family next to each other. */
export const FAMILY_COLUMNS = [
  { name: 'family_id', required: true },
  { name: 'national_number', required: true },
  { name: 'role', required: true },
  { name: 'joined_on', required: true },
] as const satisfies readonly ColumnSpec[];

export type FamilyColumn = (typeof FAMILY_COLUMNS)[number]['name'];

const ROLES: readonly FamilyRole[] = ['head', 'wife', 'child'];

/** Family id with a governorate of 01-14 and a serial that fits the family-id sequence. */
const FAMILY_ID = /^FAM-SY(0[1-9]|1[0-4])-(\d{6,9})$/;

/** One member line of the families file; `problems` lists what is wrong with it. */
export interface MemberLine {
  joinedOn: string;
  line: number;
  nationalNumber: string;
  problems: RejectEntry[];
  role: FamilyRole;
}

/** The lines of one family, read from consecutive lines of the file. */
export interface FamilyGroup {
  familyId: string;
  /** Governorate p-code taken from the family id. */
  governorate: string;
  members: MemberLine[];
  serial: number;
}

export type FamilyLineRead =
  { familyId: string; member: MemberLine; ok: true } | { ok: false; problems: RejectEntry[] };

/**
 * Reads one member line. A line whose family id is unreadable cannot be placed in a family, so
 * it is rejected on its own. Any other problem rejects the family the line belongs to.
 */
export function readFamilyLine(row: RowReader<FamilyColumn>): FamilyLineRead {
  const familyId = readFamilyId(row);
  const member = {
    joinedOn: row.date('joined_on', true),
    line: row.line,
    nationalNumber: row.nationalNumber('national_number', true),
    problems: row.problems,
    role: row.oneOf('role', ROLES, 'INVALID_ROLE'),
  };

  if (familyId === undefined) return { ok: false, problems: row.problems };

  return { familyId, member: member as MemberLine, ok: true };
}

function readFamilyId(row: RowReader<FamilyColumn>): string | undefined {
  const value = row.present('family_id', true);

  if (!value) return undefined;
  if (FAMILY_ID.test(value)) return value;

  return row.fail(
    'family_id',
    value,
    'INVALID_FAMILY_ID',
    'family_id must look like FAM-SY01-000042: governorate 01-14 and a serial of 6-9 digits',
  );
}

/** Starts a family group from its first line. */
export function newFamilyGroup(familyId: string): FamilyGroup {
  const match = FAMILY_ID.exec(familyId) as RegExpExecArray;

  return {
    familyId,
    governorate: `SY${match[1]}`,
    members: [],
    serial: Number(match[2]),
  };
}
