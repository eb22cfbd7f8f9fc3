import { buildSearchSql } from './search-sql';

describe('buildSearchSql', () => {
  it('matches each word whole', () => {
    const statement = buildSearchSql({
      limit: 20,
      name: { script: 'arabic', words: ['سمير', 'القباني'] },
    });

    expect(statement.text).toContain("string_to_array(full_name_normalized, ' ') @> $1::text[]");
    expect(statement.values).toEqual([['سمير', 'القباني'], 21]);
  });

  it('uses the Latin expression', () => {
    const statement = buildSearchSql({ limit: 5, name: { script: 'latin', words: ['SAMIR'] } });

    expect(statement.text).toContain(
      "string_to_array(given_name_latin || ' ' || family_name_latin, ' ') @> $1::text[]",
    );
    expect(statement.values).toEqual([['SAMIR'], 6]);
  });

  it('binds every filter', () => {
    const statement = buildSearchSql({
      after: '01000000017',
      birthPlace: 'SY0101',
      birthYear: 1980,
      limit: 10,
      motherName: 'امنه',
      nationalNumber: '01000000025',
    });

    expect(statement.values).toEqual([
      '01000000025',
      ['امنه'],
      'SY0101%',
      '1980-01-01',
      '1981-01-01',
      '01000000017',
      11,
    ]);
    expect(statement.text).toMatch(/ORDER BY national_number\nLIMIT \$7$/);
  });

  it('puts no value in the text', () => {
    const statement = buildSearchSql({
      limit: 20,
      name: { script: 'latin', words: ["O'NEIL"] },
    });

    expect(statement.text).not.toContain('NEIL');
  });
});
