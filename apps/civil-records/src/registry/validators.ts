import { z } from 'zod';

import { isoDate, placeCode } from '@bitaqa/contracts';
import { findDivision } from '@bitaqa/reference-data';

/** p-code of a governorate, district or sub-district that exists in the reference data. */
export const knownPlaceCode = placeCode.refine(
  (pcode) => findDivision(pcode) !== undefined,
  'unknown place p-code; use a governorate, district or sub-district p-code such as SY0101',
);

/** Caller's id of a record, such as a row number of the register being taken over. */
export const externalRef = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, and _ . : - only');

/** A court's decision or case: the court's name, the number it gave, and its date. */
export const courtReference = z.strictObject({
  court: z
    .string()
    .min(2)
    .max(120)
    .regex(
      /^[\u0600-\u06FFA-Za-z0-9 .,()/-]+$/,
      'Arabic or Latin letters, digits, spaces and . , ( ) / - only',
    ),
  date: isoDate,
  number: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[0-9A-Za-z/._-]+$/, 'digits, Latin letters and / . _ - only, such as 311/2024'),
});

export type CourtReference = z.infer<typeof courtReference>;

/** Id of a stored row in a path, such as a divorce or correction id. */
export const rowId = z.string().regex(/^[1-9][0-9]{0,17}$/, 'a positive whole number');
