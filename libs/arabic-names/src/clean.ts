import { foldArabicLetters } from './letter-folds';

/**
 * Marks that decorate a name without changing which name it is: Quranic signs (U+0610-U+061A),
 * harakat with shadda and sukun (U+064B-U+065F), the superscript alef (U+0670), the small
 * annotation marks (U+06D6-U+06ED) and tatweel (U+0640).
 */
const DECORATIONS =
  /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/g;

/** Invisible direction and joining controls that copy-paste brings along. */
const FORMAT_CONTROLS = /[\u061C\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

/**
 * Words written either apart from or joined to the next word, in folded form so that أبو and
 * ابو both count: عبد الله, أبو بكر, and the article written apart (ال حلبي) or as آل (آل عثمان).
 */
const OPEN_PREFIX = /^(?:عبد|ابو|ال)+$/;

/**
 * Words written either apart from or joined to the previous word, in folded form: نور الدين,
 * عبد الله, نور الهدى, سيف الإسلام, بديع الزمان and زين العابدين.
 */
const CLOSING_SUFFIXES: ReadonlySet<string> = new Set([
  'الدين',
  'الله',
  'الهدي',
  'الاسلام',
  'الزمان',
  'العابدين',
]);

/**
 * Joins compound names so that both spellings give one form: عبد الله becomes عبدالله, أبو بكر
 * becomes أبوبكر and نور الدين becomes نورالدين. Works on letters as written, folded or not, and
 * keeps the letters as written.
 */
export function joinCompoundNames(words: readonly string[]): string[] {
  const joined: string[] = [];

  for (const word of words) {
    const previous = joined[joined.length - 1];

    const joins =
      previous !== undefined &&
      (OPEN_PREFIX.test(foldArabicLetters(previous)) ||
        CLOSING_SUFFIXES.has(foldArabicLetters(word)));

    if (joins) {
      joined[joined.length - 1] = previous + word;
    } else {
      joined.push(word);
    }
  }

  return joined;
}

/**
 * Cleans a name without changing its letters: NFKC (presentation forms and ligatures become
 * plain letters), no diacritics, tatweel or format controls, single spaces, no spaces at the
 * ends, compound names joined. Hamza, teh marbuta and alef maqsura stay as written, because
 * transliteration needs them.
 */
export function cleanArabicName(input: string): string {
  const words = input
    .normalize('NFKC')
    .replace(DECORATIONS, '')
    .replace(FORMAT_CONTROLS, '')
    .split(/\s+/)
    .filter((word) => word.length > 0);

  return joinCompoundNames(words).join(' ');
}
