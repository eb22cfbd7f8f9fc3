import { identitySearchQuery } from './identity-search.query';

describe('identitySearchQuery', () => {
  it('normalizes Arabic names', () => {
    const parsed = identitySearchQuery.parse({ name: ' أحمد  عبد الله ' });

    expect(parsed.name).toEqual({ script: 'arabic', words: ['احمد', 'عبدالله'] });
  });

  it('upper-cases Latin names', () => {
    const parsed = identitySearchQuery.parse({ name: "samir o'neil al-halabi" });

    expect(parsed.name).toEqual({ script: 'latin', words: ['SAMIR', 'ONEIL', 'AL', 'HALABI'] });
  });

  it('drops repeated words', () => {
    const parsed = identitySearchQuery.parse({ name: 'محمد محمد' });

    expect(parsed.name?.words).toEqual(['محمد']);
  });

  it('normalizes mother names', () => {
    const parsed = identitySearchQuery.parse({ motherName: 'آمنة', name: 'سمير' });

    expect(parsed.motherName).toBe('امنه');
  });

  it('coerces numbers and defaults limit', () => {
    const parsed = identitySearchQuery.parse({ birthYear: '1980', name: 'سمير' });

    expect(parsed).toMatchObject({ birthYear: 1980, limit: 20 });
  });

  it.each([
    [{ name: 'سمير Samir' }],
    [{ name: '123' }],
    [{ birthPlace: 'SY01' }],
    [{ name: 'سمير', birthYear: new Date().getUTCFullYear() + 1 }],
  ])('rejects %j', (query) => {
    expect(identitySearchQuery.safeParse(query).success).toBe(false);
  });
});
