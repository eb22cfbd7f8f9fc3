import { knownGivenNames } from './known-given-names';
import { nameMatchKey, withoutArticle } from './match-key';
import { compareNamePart } from './name-part';

const options = { knownNames: knownGivenNames(), variantFloor: 0.75 };

describe('compareNamePart', () => {
  it('reports blank parts as missing', () => {
    expect(compareNamePart('grandfather', 'خالد', null, options)).toEqual({
      left: 'خالد',
      part: 'grandfather',
      reason: 'blank on one side',
      right: null,
      similarity: null,
      verdict: 'missing',
    });
    expect(compareNamePart('grandfather', ' ', undefined, options).reason).toBe(
      'blank on both sides',
    );
  });

  it('returns normalized names', () => {
    const comparison = compareNamePart('given', 'أحمد', 'احمد', options);

    expect(comparison).toMatchObject({ left: 'احمد', right: 'احمد', verdict: 'same' });
  });

  it('describes a spelling variant', () => {
    const comparison = compareNamePart('father', 'خالد', 'حالد', options);

    expect(comparison).toMatchObject({
      reason:
        'spelling variant: خ on the left, ح on the right (letters that differ only in their dots)',
      similarity: 0.85,
      verdict: 'variant',
    });
  });

  it('drops the article in family names only', () => {
    expect(compareNamePart('family', 'الحلبي', 'حلبي', options).verdict).toBe('variant');
    expect(compareNamePart('given', 'الياس', 'ياس', options).verdict).toBe('different');
  });

  it('keeps known names apart', () => {
    const comparison = compareNamePart('given', 'حسن', 'حسين', options);

    expect(comparison).toMatchObject({
      reason: 'حسن and حسين are different names',
      similarity: 0,
      verdict: 'different',
    });
  });

  it('compares unknown family names by edits', () => {
    const comparison = compareNamePart('family', 'الحلبي', 'الحمصي', options);

    expect(comparison.verdict).toBe('different');
    expect(comparison.similarity).toBe(0.5);
    expect(comparison.reason).toBe(
      'too far apart: ل on the left, م on the right, ب on the left, ص on the right',
    );
  });
});

describe('nameMatchKey', () => {
  it.each([
    ['محمد خير', false, 'محمدخير'],
    ['داوود', false, 'داود'],
    ['رانية', false, 'رانيا'],
    ['الحلبي', true, 'حلبي'],
    ['آل عثمان', true, 'عثمان'],
    ['الحلبي', false, 'الحلبي'],
  ])('%s with dropArticle %s gives %s', (name, dropArticle, expected) => {
    expect(nameMatchKey(name, { dropArticle })).toBe(expected);
  });
});

describe('withoutArticle', () => {
  it('keeps short words whole', () => {
    expect(withoutArticle('الي')).toBe('الي');
    expect(withoutArticle('العلي')).toBe('علي');
  });
});

describe('knownGivenNames', () => {
  it('includes reference and conventional names', () => {
    const names = knownGivenNames();

    expect(names.has('حسين')).toBe(true);
    expect(names.has('عبدالرحمن')).toBe(true);
    expect(names.has('ابوبكر')).toBe(true);
    expect(names.size).toBeGreaterThan(1000);
  });
});
