import { cleanArabicName } from './clean';

/**
 * Letters that people and keyboards write interchangeably in names, each mapped to one form.
 * The hamza and wasla forms of alef become bare alef, teh marbuta becomes heh, alef maqsura
 * becomes yeh, and the Persian keheh, yeh and heh forms become their Arabic letters.
 */
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  '\u0622': '\u0627', // آ alef with madda
  '\u0623': '\u0627', // أ alef with hamza above
  '\u0625': '\u0627', // إ alef with hamza below
  '\u0629': '\u0647', // ة teh marbuta
  '\u0649': '\u064A', // ى alef maqsura
  '\u0671': '\u0627', // ٱ alef wasla
  '\u0672': '\u0627', // ٲ alef with wavy hamza above
  '\u0673': '\u0627', // ٳ alef with wavy hamza below
  '\u06A9': '\u0643', // ک keheh
  '\u06BE': '\u0647', // ھ heh doachashmee
  '\u06C0': '\u0647', // ۀ heh with yeh above
  '\u06CC': '\u064A', // ی Farsi yeh
  '\u06D5': '\u0647', // ە ae
};

const FOLDABLE = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'g');

/** Maps each interchangeable letter to its single form and leaves every other character alone. */
export function foldArabicLetters(text: string): string {
  return text.replace(FOLDABLE, (letter) => LETTER_FOLDS[letter] ?? letter);
}

/**
 * The form names are compared, indexed and searched in: cleaned (see `cleanArabicName`) and
 * with interchangeable letters folded, so أحمد and احمد, فاطمة and فاطمه, مصطفى and مصطفي, and
 * عبد الله and عبدالله each give one string. Returns an empty string for a blank input.
 */
export function normalizeArabicName(input: string): string {
  return foldArabicLetters(cleanArabicName(input));
}

/** Reports whether two spellings are the same name once normalized. Blank names never match. */
export function arabicNamesMatch(left: string, right: string): boolean {
  const normalized = normalizeArabicName(left);

  return normalized.length > 0 && normalized === normalizeArabicName(right);
}
