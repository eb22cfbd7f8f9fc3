import { KNOWN_SPELLINGS, knownSpelling } from './known-names';
import { normalizeArabicName } from './normalize';

describe('KNOWN_SPELLINGS', () => {
  it('has one spelling per normalized name', () => {
    const keys = KNOWN_SPELLINGS.map(([arabic]) => normalizeArabicName(arabic));

    expect(new Set(keys).size).toBe(keys.length);
  });

  it('spells in upper-case A-Z', () => {
    const invalid = KNOWN_SPELLINGS.filter(([, latin]) => !/^[A-Z]+$/.test(latin));

    expect(invalid).toEqual([]);
  });

  it('is sorted by Arabic name', () => {
    const names = KNOWN_SPELLINGS.map(([arabic]) => arabic);

    expect(names).toEqual([...names].sort());
  });
});

describe('knownSpelling', () => {
  it('finds a name by any spelling', () => {
    expect(knownSpelling('فاطمه')).toBe('FATIMA');
    expect(knownSpelling('فَاطِمَة')).toBe('FATIMA');
  });

  it('returns undefined for other names', () => {
    expect(knownSpelling('جليل')).toBeUndefined();
  });
});
