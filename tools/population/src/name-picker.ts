import {
  familyNames,
  givenNames,
  type FamilyName,
  type GivenName,
  type Sex,
} from '@bitaqa/reference-data';

import type { Random } from './random';

// Listed popular names are picked this many times more often than others, so that common names
// repeat the way they do in a real register.
const POPULAR_NAME_WEIGHT = 12;

// Share of family names drawn from the Syrian and Levantine list; the rest come from the
// Palestinian and Jordanian lists.
const SYRIAN_FAMILY_NAME_SHARE = 0.7;

function nameWeight(name: GivenName): number {
  return name.popularityRank === undefined ? 1 : POPULAR_NAME_WEIGHT;
}

/** Draws Arabic given and family names from the reference lists with a seeded generator. */
export class NamePicker {
  private readonly givenBySex: Record<Sex, readonly GivenName[]>;
  private readonly syrianFamilies: readonly FamilyName[];
  private readonly otherFamilies: readonly FamilyName[];

  constructor(private readonly random: Random) {
    this.givenBySex = { F: givenNames('F'), M: givenNames('M') };
    this.syrianFamilies = familyNames().filter((name) => name.localeHints.includes('SY/Levant'));
    this.otherFamilies = familyNames().filter((name) => !name.localeHints.includes('SY/Levant'));
  }

  /** Picks a given name of `sex` that is not in `avoid`, so siblings do not share a name. */
  given(sex: Sex, avoid: ReadonlySet<string> = new Set()): string {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const name = this.random.weighted(this.givenBySex[sex], nameWeight).nameAr;

      if (!avoid.has(name)) return name;
    }

    return this.random.pick(this.givenBySex[sex].filter((name) => !avoid.has(name.nameAr))).nameAr;
  }

  family(): string {
    const list = this.random.chance(SYRIAN_FAMILY_NAME_SHARE)
      ? this.syrianFamilies
      : this.otherFamilies;

    return this.random.pick(list).nameAr;
  }
}
