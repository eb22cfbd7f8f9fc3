import {
  ArabicNameError,
  normalizeArabicName,
  transliterateArabicName,
} from '@bitaqa/arabic-names';
import { RejectedEventError } from '@bitaqa/messaging';

import type { CivilRecord } from './identity';

/** The normalized forms the registry stores for matching and searching names. */
export interface NormalizedNames {
  familyNameNormalized: string;
  fatherNameNormalized: string;
  /** Given, father, grandfather and family names, in that order. */
  fullNameNormalized: string;
  givenNameNormalized: string;
  motherNameNormalized: string;
}

export function normalizedNamesOf(record: CivilRecord): NormalizedNames {
  const fullName = [
    record.givenNameAr,
    record.fatherNameAr,
    record.grandfatherNameAr ?? '',
    record.familyNameAr,
  ].join(' ');

  return {
    familyNameNormalized: normalizeArabicName(record.familyNameAr),
    fatherNameNormalized: normalizeArabicName(record.fatherNameAr),
    fullNameNormalized: normalizeArabicName(fullName),
    givenNameNormalized: normalizeArabicName(record.givenNameAr),
    motherNameNormalized: normalizeArabicName(record.motherNameAr),
  };
}

/**
 * Transliterates the given and family names for the card.
 *
 * @throws RejectedEventError NAME_NOT_TRANSLITERABLE when a name has no letter with a Latin
 * form, because retrying cannot change that.
 */
export function latinNamesOf(record: CivilRecord): {
  familyNameLatin: string;
  givenNameLatin: string;
} {
  try {
    return {
      familyNameLatin: transliterateArabicName(record.familyNameAr),
      givenNameLatin: transliterateArabicName(record.givenNameAr),
    };
  } catch (error) {
    if (error instanceof ArabicNameError) throw new RejectedEventError(error.code, error.message);
    throw error;
  }
}
