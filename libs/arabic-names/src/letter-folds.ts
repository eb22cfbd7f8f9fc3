/**
 * Letters that people and keyboards write interchangeably in names, each mapped to one form.
 * The hamza and wasla forms of alef become bare alef, hamza on waw and on yeh become waw and
 * yeh (فؤاد and فواد, وائل and وايل are one name), teh marbuta becomes heh, and alef maqsura
 * becomes yeh. Persian and Urdu letters that look like Arabic ones become the Arabic letter, and
 * veh becomes feh because Arabic keyboards lack it.
 */
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  '\u0622': '\u0627', // آ alef with madda
  '\u0623': '\u0627', // أ alef with hamza above
  '\u0624': '\u0648', // ؤ waw with hamza above
  '\u0625': '\u0627', // إ alef with hamza below
  '\u0626': '\u064A', // ئ yeh with hamza above
  '\u0629': '\u0647', // ة teh marbuta
  '\u0649': '\u064A', // ى alef maqsura
  '\u0671': '\u0627', // ٱ alef wasla
  '\u0672': '\u0627', // ٲ alef with wavy hamza above
  '\u0673': '\u0627', // ٳ alef with wavy hamza below
  '\u06A4': '\u0641', // ڤ veh
  '\u06A9': '\u0643', // ک keheh
  '\u06AA': '\u0643', // ڪ swash kaf
  '\u06BE': '\u0647', // ھ heh doachashmee
  '\u06C0': '\u0647', // ۀ heh with yeh above
  '\u06C1': '\u0647', // ہ heh goal
  '\u06C3': '\u0647', // ۃ teh marbuta goal
  '\u06CC': '\u064A', // ی Farsi yeh
  '\u06D0': '\u064A', // ې yeh with two dots below
  '\u06D2': '\u064A', // ے yeh barree
  '\u06D5': '\u0647', // ە ae
};

const FOLDABLE = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'g');

/** Arabic-Indic (U+0660-U+0669) and Extended Arabic-Indic (U+06F0-U+06F9) digits. */
const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** Maps each interchangeable letter to its single form and leaves every other character alone. */
export function foldArabicLetters(text: string): string {
  return text.replace(FOLDABLE, (letter) => LETTER_FOLDS[letter] ?? letter);
}

/** Replaces Arabic-Indic and Extended Arabic-Indic digits with ASCII digits. */
export function toAsciiDigits(text: string): string {
  return text.replace(ARABIC_DIGITS, (digit) => {
    const zero = digit >= '\u06F0' ? 0x06f0 : 0x0660;

    return String(digit.charCodeAt(0) - zero);
  });
}
