import { z } from 'zod';

import { ArabicNameError, transliterateArabicName } from '@bitaqa/arabic-names';
import { arabicName, isoDate, placeCode } from '@bitaqa/contracts';
import { findDivision } from '@bitaqa/reference-data';

/** p-code of a governorate, district or sub-district that exists in the reference data. */
export const knownPlaceCode = placeCode.refine(
  (pcode) => findDivision(pcode) !== undefined,
  'unknown place p-code; use a governorate, district or sub-district p-code such as SY0101',
);

/**
 * Arabic letters (U+0621-U+064A and the extended letters U+0671-U+06D3, U+06D5), harakat and
 * Quranic marks (U+0610-U+061A, U+064B-U+065F, U+0670, U+06D6-U+06ED), tatweel and the space.
 * Digits, punctuation, tabs and line breaks have no place in a name.
 */
const NAME_CHARACTERS = /^[\u0610-\u061A\u0621-\u065F\u0670-\u06D3\u06D5-\u06ED ]+$/;

function hasLatinForm(name: string): boolean {
  try {
    transliterateArabicName(name);

    return true;
  } catch (error) {
    if (error instanceof ArabicNameError) return false;
    throw error;
  }
}

/**
 * A person's name in Arabic letters. The identity registry builds the card's Latin name from it
 * and parks a name without a Latin form on its dead-letter topic. So a name of only spaces,
 * tatweel or marks is rejected here, before anything is registered.
 */
export const personNameAr = arabicName
  .regex(NAME_CHARACTERS, 'Arabic letters, diacritics and spaces only, no digits or punctuation')
  .refine(hasLatinForm, 'needs at least one Arabic letter, not only spaces, tatweel or diacritics');

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
