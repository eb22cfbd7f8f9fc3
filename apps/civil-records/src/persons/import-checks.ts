import { ApiError, ConflictError, RuleViolationError } from '@bitaqa/http';

import { requireParentsAliveAtBirth } from '../registry/parentage';
import { requirePerson, requireSex } from '../registry/rules';
import type { PersonRecord } from '../registry/types';

import type { ImportRow, RejectedRow } from './dto/import-row.dto';

/** Converts an import row to a register record; the national number is filled in on save. */
export function toPersonRecord(row: ImportRow): PersonRecord {
  return {
    birthDate: row.birthDate,
    birthPlace: row.birthPlace,
    dateOfDeath: null,
    externalRef: row.externalRef,
    familyNameAr: row.familyNameAr,
    fatherNameAr: row.fatherNameAr,
    fatherNationalNumber: row.fatherNationalNumber ?? null,
    givenNameAr: row.givenNameAr,
    grandfatherNameAr: row.grandfatherNameAr ?? null,
    motherNameAr: row.motherNameAr,
    motherNationalNumber: row.motherNationalNumber ?? null,
    nationalNumber: '',
    registrationGovernorate: row.registrationGovernorate,
    sex: row.sex,
  };
}

const COMPARED_FIELDS = [
  'birthDate',
  'birthPlace',
  'familyNameAr',
  'fatherNameAr',
  'fatherNationalNumber',
  'givenNameAr',
  'grandfatherNameAr',
  'motherNameAr',
  'motherNationalNumber',
  'registrationGovernorate',
  'sex',
] as const satisfies readonly (keyof PersonRecord)[];

/**
 * Fails with EXTERNAL_REF_CONFLICT, naming the first field that differs, when a row repeats an
 * imported externalRef with other facts. A row with the same facts is a retry and passes.
 */
export function requireSameFacts(stored: PersonRecord, incoming: PersonRecord): void {
  const field = COMPARED_FIELDS.find((name) => stored[name] !== incoming[name]);

  if (field === undefined) return;

  throw new ConflictError(
    'EXTERNAL_REF_CONFLICT',
    `externalRef ${incoming.externalRef} was imported as ${stored.nationalNumber} with another ${field}`,
    { field, hint: 'use a new externalRef for a different person', value: incoming[field] },
  );
}

/**
 * Checks the parents a row names: registered, of the right sex, born before the child, the
 * father alive at conception and the mother alive on the birth date.
 */
export function requireKnownParents(
  record: PersonRecord,
  parents: ReadonlyMap<string, PersonRecord>,
): void {
  const links = [
    { field: 'fatherNationalNumber', nationalNumber: record.fatherNationalNumber, sex: 'M' },
    { field: 'motherNationalNumber', nationalNumber: record.motherNationalNumber, sex: 'F' },
  ] as const;

  for (const link of links) {
    if (link.nationalNumber === null) continue;

    const parent = requirePerson(parents, link.nationalNumber, link.field);

    requireSex(parent, link.sex, link.field);
    if (parent.birthDate >= record.birthDate) {
      throw new RuleViolationError(
        'BIRTH_BEFORE_PARENT',
        `birthDate ${record.birthDate} is not after the parent's birth on ${parent.birthDate}`,
        {
          field: link.field,
          hint: 'check the birth date and the parent national number; a parent is born before the child',
          value: link.nationalNumber,
        },
      );
    }
  }

  requireParentsAliveAtBirth(
    record.fatherNationalNumber === null
      ? null
      : (parents.get(record.fatherNationalNumber) ?? null),
    record.motherNationalNumber === null
      ? null
      : (parents.get(record.motherNationalNumber) ?? null),
    record.birthDate,
    { birthDate: 'birthDate', father: 'fatherNationalNumber', mother: 'motherNationalNumber' },
  );
}

/** Describes a rejected row; errors other than ApiError abort the whole import. */
export function toRejectedRow(index: number, raw: unknown, error: unknown): RejectedRow {
  if (!(error instanceof ApiError)) throw error;

  const reference = (raw as { externalRef?: unknown } | null)?.externalRef;

  return {
    code: error.code,
    externalRef: typeof reference === 'string' ? reference : undefined,
    field: error.details.field,
    index,
    reason: error.message,
    value: error.details.value,
  };
}
