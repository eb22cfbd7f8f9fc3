import { ArabicNameError } from './arabic-name-error';
import { cleanArabicName } from './clean';
import { knownSpelling } from './known-names';
import { transliterateLetters } from './letters';
import { foldArabicLetters } from './normalize';
import { spellByTemplate } from './vowel-templates';

/** Longest Latin name a card holds; the `latinName` contract allows the same. */
export const LATIN_NAME_MAX_LENGTH = 80;

/** Second parts of compound names, spelled the way they usually are. */
const COMPOUND_ENDINGS: ReadonlyArray<readonly [string, string]> = [
  ['الدين', 'ALDIN'],
  ['الله', 'ALLAH'],
];

const ABU_FORMS = ['أبو', 'ابو'];

const ARTICLE = 'ال';

function transliterateCompound(word: string): string | undefined {
  for (const [ending, latin] of COMPOUND_ENDINGS) {
    if (word.endsWith(ending)) {
      return transliterateWord(word.slice(0, -ending.length)) + latin;
    }
  }

  if (word.startsWith('عبد') && word.length > 3) {
    const rest = word.slice(3);

    return rest.startsWith(ARTICLE) && rest.length > 2
      ? `ABDUL${transliterateWord(rest.slice(2))}`
      : `ABD${transliterateWord(rest)}`;
  }

  const abu = ABU_FORMS.find((form) => word.startsWith(form) && word.length > form.length);

  if (abu !== undefined) return `ABU${transliterateWord(word.slice(abu.length))}`;

  return undefined;
}

/**
 * Transliterates one cleaned word. A known name gets its conventional spelling. Compounds
 * (عبدالكريم, نورالدين, أبوبكر) and the article ال or آل are split so that their parts can be
 * known names. A word that fits a common name pattern gets the pattern's vowels, and anything
 * else goes letter by letter, which leaves out the short vowels.
 */
export function transliterateWord(word: string): string {
  const known = knownSpelling(word);

  if (known !== undefined) return known;

  const compound = transliterateCompound(word);

  if (compound !== undefined) return compound;

  if (foldArabicLetters(word).startsWith(ARTICLE) && word.length > 3) {
    return `AL${transliterateWord(word.slice(ARTICLE.length))}`;
  }

  return spellByTemplate(word) ?? transliterateLetters(word);
}

/** Cuts a name longer than the card allows at the last space that fits, or at the limit. */
function fitLatinName(latin: string): string {
  if (latin.length <= LATIN_NAME_MAX_LENGTH) return latin;

  const cut = latin.lastIndexOf(' ', LATIN_NAME_MAX_LENGTH);

  return cut > 0 ? latin.slice(0, cut) : latin.slice(0, LATIN_NAME_MAX_LENGTH);
}

/**
 * Transliterates an Arabic name into upper-case A-Z words separated by single spaces, at most
 * 80 characters, for the card's printed name and machine-readable zone. The same name always
 * gives the same result whatever its diacritics, tatweel, spacing or compound spelling.
 *
 * @throws ArabicNameError NAME_NOT_TRANSLITERABLE when no letter of the name has a Latin form.
 */
export function transliterateArabicName(input: string): string {
  const latin = cleanArabicName(input)
    .split(' ')
    .map(transliterateWord)
    .filter((word) => word.length > 0)
    .join(' ');

  if (latin.length === 0) {
    throw new ArabicNameError(
      'NAME_NOT_TRANSLITERABLE',
      `name "${input}" has no letter with a Latin form; it needs at least one Arabic letter`,
    );
  }

  return fitLatinName(latin);
}
