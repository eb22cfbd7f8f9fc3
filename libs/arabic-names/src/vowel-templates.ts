import { CONSONANTS } from './letters';

/**
 * Common name patterns whose short vowels are predictable, so a word outside the known-names
 * table can still be spelled with vowels. In a pattern, C stands for one consonant and other
 * letters stand for themselves. In the Latin form, the digits 1 to 4 stand for the pattern's
 * consonants in order, and the vowels follow conventional Syrian spellings (E for the kasra of
 * فاعل, OU for a long u).
 */
const TEMPLATES: ReadonlyArray<readonly [pattern: string, latin: string]> = [
  ['CاCC', '1A2E3'], // فاعل: خالد KHALED, سامر SAMER
  ['CاCCة', '1A2I3A'], // فاعلة: ماجدة MAJIDA
  ['CCيC', '1A2I3'], // فعيل: جليل JALIL, نبيل NABIL
  ['CCيCة', '1A2I3A'], // فعيلة: جميلة JAMILA
  ['CCاC', '1A2A3'], // فعال: جمال JAMAL
  ['CCوC', '1A2OU3'], // فعول: بتول BATOUL
  ['مCCوC', 'MA12OU3'], // مفعول: ممدوح MAMDOUH, منصور MANSOUR
  ['CCCة', '1A23A'], // فعلة: نجمة NAJMA
  ['CCCي', '1A23I'], // فعلي: حمدي HAMDI, صبري SABRI
  ['CCCان', '1A23AN'], // فعلان: حمدان HAMDAN
  ['مCCC', 'MU12I3'], // مُفعِل: محسن MUHSIN, مرشد MURSHID
  ['CCCC', '1A23A4'], // فعلل: جندل JANDAL, بلسم BALSAM
  ['CCC', '1A23'], // فعل: بدر BADR, صقر SAQR
];

/** ع counts as a consonant of a pattern but is silent beside the pattern's vowels. */
const AIN = 'ع';

function consonantLatin(letter: string): string | undefined {
  return letter === AIN ? '' : CONSONANTS[letter];
}

/** Fills one pattern with the word's consonants, or returns undefined when it does not fit. */
function fillTemplate(
  letters: readonly string[],
  pattern: string,
  latin: string,
): string | undefined {
  const patternLetters = [...pattern];

  if (patternLetters.length !== letters.length) return undefined;

  const consonants: string[] = [];

  for (const [index, expected] of patternLetters.entries()) {
    const letter = letters[index] ?? '';
    const consonant = consonantLatin(letter);

    if (expected === 'C' && consonant !== undefined) {
      consonants.push(consonant);
    } else if (expected !== letter) {
      return undefined;
    }
  }

  return latin.replace(/[1-4]/g, (digit) => consonants[Number(digit) - 1] ?? '');
}

/**
 * Spells a cleaned word with its short vowels when it fits one of the common name patterns
 * (see TEMPLATES), or returns undefined. A consonant that shadda doubled comes out single,
 * because cleaning removed the shadda (بسام gives BASAM).
 */
export function spellByTemplate(word: string): string | undefined {
  const letters = [...word];

  for (const [pattern, latin] of TEMPLATES) {
    const spelled = fillTemplate(letters, pattern, latin);

    if (spelled !== undefined && spelled.length > 0) return spelled;
  }

  return undefined;
}
