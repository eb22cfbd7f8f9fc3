import { normalizeArabicName } from '../normalize';

const ARTICLE = 'ال';

/** Drops a leading article ال when at least two letters remain (الحلبي gives حلبي). */
export function withoutArticle(word: string): string {
  return word.startsWith(ARTICLE) && [...word].length >= 4 ? word.slice(ARTICLE.length) : word;
}

export interface MatchKeyOptions {
  /** Whether each word loses a leading article; family names are written with and without it. */
  dropArticle: boolean;
}

/**
 * The form two spellings of one name part share when they differ only in ways that never make
 * another name: the normalized name (see `normalizeArabicName`) without spaces (محمد خير and
 * محمدخير), optionally without articles, with doubled letters written once (داوود and داود),
 * and with a final heh (from teh marbuta) read as the alef it sounds like (رانية and رانيا).
 */
export function nameMatchKey(name: string, options: MatchKeyOptions): string {
  const words = normalizeArabicName(name)
    .split(' ')
    .filter((word) => word.length > 0);
  const kept = options.dropArticle ? words.map(withoutArticle) : words;

  return kept
    .join('')
    .replace(/(.)\1+/gu, '$1')
    .replace(/ه$/u, 'ا');
}
