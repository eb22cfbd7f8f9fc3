import { z } from 'zod';

import { placeCode } from '@bitaqa/contracts';
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
