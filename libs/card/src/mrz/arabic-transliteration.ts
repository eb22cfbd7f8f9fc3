import { MrzError } from './mrz-error';

/**
 * Arabic letters in the MRZ-only transliteration of ICAO Doc 9303 Part 3 (7th edition, 2015),
 * section 6 table C. An 'X' marks a letter sequence that stands for one Arabic letter.
 */
const LETTERS: Readonly<Record<string, string>> = {
  '\u0621': 'XE', // ء hamza
  '\u0622': 'XAA', // آ alef with madda
  '\u0623': 'XAE', // أ alef with hamza above
  '\u0624': 'U', // ؤ waw with hamza
  '\u0625': 'I', // إ alef with hamza below
  '\u0626': 'XI', // ئ yeh with hamza
  '\u0627': 'A', // ا alef
  '\u0671': 'XXA', // ٱ alef wasla
  '\u0628': 'B', // ب
  '\u062A': 'T', // ت
  '\u062B': 'XTH', // ث
  '\u062C': 'J', // ج
  '\u062D': 'XH', // ح
  '\u062E': 'XKH', // خ
  '\u062F': 'D', // د
  '\u0630': 'XDH', // ذ
  '\u0631': 'R', // ر
  '\u0632': 'Z', // ز
  '\u0633': 'S', // س
  '\u0634': 'XSH', // ش
  '\u0635': 'XSS', // ص
  '\u0636': 'XDZ', // ض
  '\u0637': 'XTT', // ط
  '\u0638': 'XZZ', // ظ
  '\u0639': 'E', // ع
  '\u063A': 'G', // غ
  '\u0641': 'F', // ف
  '\u0642': 'Q', // ق
  '\u0643': 'K', // ك
  '\u0644': 'L', // ل
  '\u0645': 'M', // م
  '\u0646': 'N', // ن
  '\u0647': 'H', // ه
  '\u0648': 'W', // و
  '\u0649': 'XAY', // ى alef maksura
  '\u064A': 'Y', // ي
};

const TEH_MARBUTA = '\u0629';
const SHADDA = '\u0651';
const TATWEEL = '\u0640';

/** Harakat, tanwin, sukun and dagger alef carry no letter in the MRZ. */
const UNWRITTEN_MARKS = /[\u064B-\u0650\u0652\u0670]/u;

/**
 * Transliterates an Arabic name to MRZ characters with the ICAO X scheme: spaces become '<',
 * short vowels are dropped, shadda doubles the letter before it, and teh marbuta is XTA inside a
 * name part and XAH at its end (the worked example "ابو بكر محمد" gives "ABW<BKR<MXHMD").
 */
export function arabicToMrz(name: string): string {
  // NFKC turns presentation forms, such as the lam-alef ligatures, into their letters.
  const words = name.normalize('NFKC').trim().split(/\s+/);

  return words.map((word) => transliterateWord(word, name)).join('<');
}

function transliterateWord(word: string, name: string): string {
  const characters = [...word].filter(
    (character) => character !== TATWEEL && !UNWRITTEN_MARKS.test(character),
  );
  let output = '';
  let previous = '';
  characters.forEach((character, index) => {
    const letter = transliterateLetter(character, index === characters.length - 1, previous, name);
    output += letter;
    if (character !== SHADDA) {
      previous = letter;
    }
  });

  return output;
}

function transliterateLetter(
  character: string,
  last: boolean,
  previous: string,
  name: string,
): string {
  if (character === SHADDA) {
    return previous;
  }

  if (character === TEH_MARBUTA) {
    return last ? 'XAH' : 'XTA';
  }

  const letter = LETTERS[character];
  if (letter === undefined) {
    throw new MrzError(
      'MRZ_UNSUPPORTED_CHARACTER',
      `name "${name}" has character "${character}" with no MRZ form`,
      {
        character,
      },
    );
  }

  return letter;
}
