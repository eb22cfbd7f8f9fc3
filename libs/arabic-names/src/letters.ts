/**
 * Letter-by-letter transliteration of one cleaned Arabic word into A-Z. The consonant table
 * follows the closest-match column of ICAO Doc 9303 Part 3's Arabic table without its X-escapes
 * (XH for ح, XSS for ص and so on), because the card prints names for people to read. Emphatic
 * and plain consonants share a Latin letter, غ is GH where ICAO writes G, and ع drops or becomes
 * A where ICAO writes E. The package README lists every difference from the ICAO table.
 * Short vowels are not written in Arabic script, so a word outside the known-names table and
 * the vowel patterns comes out as its consonants and long vowels only (زنبركجي gives ZNBRKJI).
 */
export const CONSONANTS: Readonly<Record<string, string>> = {
  ب: 'B',
  ت: 'T',
  ث: 'TH',
  ج: 'J',
  ح: 'H',
  خ: 'KH',
  د: 'D',
  ذ: 'DH',
  ر: 'R',
  ز: 'Z',
  س: 'S',
  ش: 'SH',
  ص: 'S',
  ض: 'D',
  ط: 'T',
  ظ: 'Z',
  غ: 'GH',
  ف: 'F',
  ق: 'Q',
  ك: 'K',
  ل: 'L',
  م: 'M',
  ن: 'N',
  ه: 'H',
  پ: 'P',
  چ: 'CH',
  ژ: 'ZH',
  ڤ: 'V',
  ک: 'K',
  گ: 'G',
  ھ: 'H',
  ۀ: 'H',
  ە: 'H',
};

/** Letters that carry an A sound: alef in all its forms and alef maqsura. */
const ALEF_LIKE: ReadonlySet<string> = new Set(['ا', 'آ', 'أ', 'إ', 'ٱ', 'ى']);

const YEH: ReadonlySet<string> = new Set(['ي', 'ی']);

function isAlefLike(letter: string | undefined): boolean {
  return letter !== undefined && ALEF_LIKE.has(letter);
}

function isGlide(letter: string | undefined): boolean {
  return letter === 'و' || (letter !== undefined && YEH.has(letter));
}

/**
 * Waw and yeh are consonants (W, Y) at the start of a word, after an alef, before an alef, teh
 * marbuta or another waw or yeh, and after a waw or yeh that is itself a vowel. Elsewhere they
 * are the long vowels U and I, as at the end of a word after anything but an alef (الحموي gives
 * ALHMWI).
 */
function isConsonantalGlide(letters: readonly string[], index: number): boolean {
  const previous = letters[index - 1];
  const next = letters[index + 1];

  if (index === 0 || isAlefLike(previous)) return true;
  if (next === undefined) return false;
  if (isGlide(previous) && !isConsonantalGlide(letters, index - 1)) return true;

  return isAlefLike(next) || isGlide(next) || next === 'ة';
}

/** ع drops beside an alef (عادل gives ADL) and before a word-initial vowel (عيسى gives ISA). */
function ainAt(letters: readonly string[], index: number): string {
  if (isAlefLike(letters[index - 1]) || isAlefLike(letters[index + 1])) return '';

  const next = letters[index + 1];

  if (index === 0 && isGlide(next) && !isConsonantalGlide(letters, index + 1)) return '';

  return 'A';
}

function contextualLetterAt(letters: readonly string[], index: number): string | undefined {
  const letter = letters[index] as string;
  const previous = letters[index - 1];

  switch (letter) {
    case 'ا':
    case 'آ':
    case 'أ':
    case 'ٱ':
    case 'ى':
      return 'A';
    case 'إ':
      return 'I';
    case 'و':
      return isConsonantalGlide(letters, index) ? 'W' : 'U';
    case 'ي':
    case 'ی':
      return isConsonantalGlide(letters, index) ? 'Y' : 'I';
    case 'ة':
      // Read as -at after a long a (حياة gives HYAT), as -a elsewhere (فاطمة gives FATMA).
      return isAlefLike(previous) ? 'T' : 'A';
    case 'ء':
      // A final hamza after alef lengthens it, as conventional spellings show (علاء gives ALAA).
      return isAlefLike(previous) ? 'A' : '';
    case 'ئ':
      return 'E';
    case 'ؤ':
      return 'O';
    case 'ع':
      return ainAt(letters, index);
    default:
      return undefined;
  }
}

/** Transliterates one cleaned word letter by letter; characters with no Latin form are dropped. */
export function transliterateLetters(word: string): string {
  const letters = [...word];

  return letters
    .map((letter, index) => contextualLetterAt(letters, index) ?? CONSONANTS[letter] ?? '')
    .join('');
}
