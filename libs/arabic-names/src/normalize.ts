import { cleanArabicName } from './clean';
import { foldArabicLetters, toAsciiDigits } from './letter-folds';

export { foldArabicLetters, toAsciiDigits } from './letter-folds';

/**
 * The form names are compared, indexed and searched in: cleaned (see `cleanArabicName`), with
 * interchangeable letters folded and digits in ASCII, so أحمد and احمد, فاطمة and فاطمه, مصطفى
 * and مصطفي, لؤي and لوي, and عبد الله and عبدالله each give one string. Returns an empty string
 * for a blank input.
 *
 * The identity registry stores names in this form. A change to these rules needs a migration
 * that rewrites the stored forms, as the registry's 20261205130000 migration does for the hamza
 * on waw and yeh.
 */
export function normalizeArabicName(input: string): string {
  return toAsciiDigits(foldArabicLetters(cleanArabicName(input)));
}

/** Reports whether two spellings are the same name once normalized. Blank names never match. */
export function arabicNamesMatch(left: string, right: string): boolean {
  const normalized = normalizeArabicName(left);

  return normalized.length > 0 && normalized === normalizeArabicName(right);
}
