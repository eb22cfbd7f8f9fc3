import { givenNames } from '@bitaqa/reference-data';

import { KNOWN_SPELLINGS } from '../known-names';
import { normalizeArabicName } from '../normalize';

let cached: ReadonlySet<string> | undefined;

/**
 * Given names known to be names in their own right, normalized with spaces removed: the
 * reference list of Arabic given names (both sexes) and the names with a conventional Latin
 * spelling. Two different names from this set are different names (حسن and حسين, محمد and
 * محمود), however few letters they differ by. Built on first use.
 */
export function knownGivenNames(): ReadonlySet<string> {
  if (cached !== undefined) return cached;

  const names = [
    ...givenNames('F').map((name) => name.nameAr),
    ...givenNames('M').map((name) => name.nameAr),
    ...KNOWN_SPELLINGS.map(([arabic]) => arabic),
  ];

  cached = new Set(names.map((name) => normalizeArabicName(name).replace(/ /g, '')));

  return cached;
}
