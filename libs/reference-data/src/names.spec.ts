import { arabicName } from '@bitaqa/contracts';

import { normalizeArabicName } from './arabic-text';
import { familyNames, givenNames } from './names';

describe('names', () => {
  it('given names by sex', () => {
    const male = givenNames('M');
    const female = givenNames('F');

    expect(male.length).toBeGreaterThan(700);
    expect(female.length).toBeGreaterThan(340);
    expect(male.every((name) => name.sexes.includes('M'))).toBe(true);
    expect(female.every((name) => name.sexes.includes('F'))).toBe(true);
    expect(male.map((name) => name.nameAr)).toContain('محمد');
    expect(female.map((name) => name.nameAr)).toContain('مريم');
  });

  it('names listed under both sexes', () => {
    const both = givenNames('M').filter((name) => name.sexes.length === 2);

    expect(both.length).toBeGreaterThan(0);
    for (const name of both) {
      expect(givenNames('F')).toContainEqual(name);
    }
  });

  it('every name passes the contracts schema', () => {
    const all = [...givenNames('M'), ...givenNames('F'), ...familyNames()];

    for (const name of all) {
      expect(arabicName.safeParse(name.nameAr).success).toBe(true);
    }
  });

  it('family names with locale hints', () => {
    const names = familyNames();

    expect(names.length).toBeGreaterThan(160);
    expect(names.filter((name) => name.localeHints.includes('SY/Levant')).length).toBe(46);
  });

  it('popularity ranks', () => {
    const ranked = givenNames('M').filter((name) => name.popularityRank !== undefined);

    expect(ranked.length).toBe(10);
    expect(ranked.find((name) => name.popularityRank === 1)?.nameAr).toBe('محمد');
  });
});

describe('normalizeArabicName', () => {
  it('drops diacritics and tatweel', () => {
    expect(normalizeArabicName('محمّد')).toBe('محمد');
    expect(normalizeArabicName('عـلي')).toBe('علي');
  });

  it('collapses spaces', () => {
    expect(normalizeArabicName('  عبد   الله ')).toBe('عبد الله');
  });

  it('rejects other characters', () => {
    expect(normalizeArabicName('Ali')).toBeUndefined();
    expect(normalizeArabicName('علي1')).toBeUndefined();
    expect(normalizeArabicName('')).toBeUndefined();
  });
});
