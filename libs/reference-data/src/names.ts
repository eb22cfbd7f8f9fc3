import { z } from 'zod';

import { normalizeArabicName } from './arabic-text';
import { once, readDataFile } from './data-files';

export type Sex = 'F' | 'M';

export interface GivenName {
  nameAr: string;
  /** Rank among the ten most frequent names of its sex in one survey of Arab newborns, if listed. */
  popularityRank?: number;
  /** Both sexes for names the sources list under both. */
  sexes: readonly Sex[];
}

export interface FamilyName {
  /** Regions the sources place the name in: `SY/Levant`, `PS` or `JO`. */
  localeHints: readonly string[];
  nameAr: string;
}

const givenNameRow = z.object({
  gender: z.enum(['F', 'M', 'M/F']),
  name_ar: z.string(),
  popularity_rank: z.number().int().positive().optional(),
});

const familyNameRow = z.object({
  locale_hint: z.array(z.string()),
  name_ar: z.string(),
});

function loadGivenNames(): GivenName[] {
  const rows = readDataFile('arabic-given-names.json', z.array(givenNameRow));
  const names: GivenName[] = [];

  for (const row of rows) {
    const nameAr = normalizeArabicName(row.name_ar);

    if (nameAr === undefined) continue;

    const sexes: Sex[] = row.gender === 'M/F' ? ['F', 'M'] : [row.gender];

    names.push({ nameAr, popularityRank: row.popularity_rank, sexes });
  }

  return names;
}

function loadFamilyNames(): FamilyName[] {
  const rows = readDataFile('arabic-family-names.json', z.array(familyNameRow));
  const names: FamilyName[] = [];

  for (const row of rows) {
    const nameAr = normalizeArabicName(row.name_ar);

    if (nameAr !== undefined) names.push({ localeHints: row.locale_hint, nameAr });
  }

  return names;
}

const allGivenNames = once(loadGivenNames);

const givenNamesBySex = once(() => ({
  F: allGivenNames().filter((name) => name.sexes.includes('F')),
  M: allGivenNames().filter((name) => name.sexes.includes('M')),
}));

/**
 * Given names usable for `sex`, names listed under both sexes included. Names that still contain
 * characters other than Arabic letters and spaces after normalization are left out.
 */
export function givenNames(sex: Sex): readonly GivenName[] {
  return givenNamesBySex()[sex];
}

/** Family names, normalized like given names. */
export const familyNames: () => readonly FamilyName[] = once(loadFamilyNames);
