// Harakat (U+064B-U+065F), the superscript alef (U+0670) and tatweel (U+0640) decorate a name
// without changing it, so they are dropped before comparing or storing names.
const DIACRITICS = /[\u064B-\u065F\u0670\u0640]/g;

const ARABIC_LETTERS_AND_SPACES =
  /^[\u0621-\u063A\u0641-\u064A]+( [\u0621-\u063A\u0641-\u064A]+)*$/;

/**
 * Normalizes an Arabic name: NFKC, no diacritics or tatweel, single spaces. Returns undefined
 * when anything other than Arabic letters and spaces remains.
 */
export function normalizeArabicName(raw: string): string | undefined {
  const normalized = raw.normalize('NFKC').replace(DIACRITICS, '').replace(/\s+/g, ' ').trim();

  return ARABIC_LETTERS_AND_SPACES.test(normalized) ? normalized : undefined;
}
