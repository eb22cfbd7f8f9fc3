import { KNOWN_FAMILY_SPELLINGS } from './known-family-names';
import { KNOWN_SPELLINGS, knownSpelling } from './known-names';
import { normalizeArabicName } from './normalize';

describe.each([
  ['KNOWN_SPELLINGS', KNOWN_SPELLINGS],
  ['KNOWN_FAMILY_SPELLINGS', KNOWN_FAMILY_SPELLINGS],
])('%s', (_name, spellings) => {
  it('spells in upper-case A-Z', () => {
    const invalid = spellings.filter(([, latin]) => !/^[A-Z]+$/.test(latin));

    expect(invalid).toEqual([]);
  });

  it('is sorted by Arabic name', () => {
    const names = spellings.map(([arabic]) => arabic);

    expect(names).toEqual([...names].sort());
  });
});

describe('known spellings', () => {
  it('has one spelling per normalized name', () => {
    const keys = [...KNOWN_SPELLINGS, ...KNOWN_FAMILY_SPELLINGS].map(([arabic]) =>
      normalizeArabicName(arabic),
    );

    expect(new Set(keys).size).toBe(keys.length);
  });

  it('lists family names without the article', () => {
    const withArticle = KNOWN_FAMILY_SPELLINGS.filter(([arabic]) => arabic.startsWith('ال'));

    expect(withArticle).toEqual([]);
  });
});

describe('knownSpelling', () => {
  it('finds a name by any spelling', () => {
    expect(knownSpelling('فاطمه')).toBe('FATIMA');
    expect(knownSpelling('فَاطِمَة')).toBe('FATIMA');
  });

  it('finds a family name without its article', () => {
    expect(knownSpelling('حلبي')).toBe('HALABI');
  });

  it('returns undefined for other names', () => {
    expect(knownSpelling('جليل')).toBeUndefined();
  });
});
