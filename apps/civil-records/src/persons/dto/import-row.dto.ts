import { z } from 'zod';

import { governorateCode, isoDate, nationalNumber, sex } from '@bitaqa/contracts';

import { externalRef, knownPlaceCode, personNameAr } from '../../registry/validators';

/** Largest number of rows one import request may carry. */
export const MAX_IMPORT_ROWS = 5000;

/** One person of the existing register; the national number is assigned on import. */
export const importRow = z.strictObject({
  birthDate: isoDate,
  birthPlace: knownPlaceCode,
  externalRef,
  familyNameAr: personNameAr,
  fatherNameAr: personNameAr,
  /** Set when the father is already registered. */
  fatherNationalNumber: nationalNumber.nullable().optional(),
  givenNameAr: personNameAr,
  grandfatherNameAr: personNameAr.nullable().optional(),
  motherNameAr: personNameAr,
  motherNationalNumber: nationalNumber.nullable().optional(),
  registrationGovernorate: governorateCode,
  sex,
});

export type ImportRow = z.infer<typeof importRow>;

/** Body of an import request before its rows are checked one by one. */
export const importBody = z.array(z.unknown()).min(1).max(MAX_IMPORT_ROWS);

export interface ImportedPerson {
  externalRef: string;
  index: number;
  nationalNumber: string;
  /** `existing` when the externalRef was imported before with the same facts. */
  status: 'created' | 'existing';
}

export interface RejectedRow {
  code: string;
  externalRef?: string;
  field?: string;
  index: number;
  reason: string;
  value?: unknown;
}

export interface ImportResponse {
  created: number;
  existing: number;
  persons: ImportedPerson[];
  rejected: RejectedRow[];
}
