import { toSqliteParameters, toSqlitePlaceholders } from './sql-parameters';

describe('toSqlitePlaceholders', () => {
  it('numbers placeholders', () => {
    expect(toSqlitePlaceholders('VALUES ($1, $2, $10)')).toBe('VALUES (?1, ?2, ?10)');
  });

  it('keeps quoted text', () => {
    const sql = `SELECT '$1' AS "$2", $3`;

    expect(toSqlitePlaceholders(sql)).toBe(`SELECT '$1' AS "$2", ?3`);
  });

  it('keeps a dollar without digits', () => {
    expect(toSqlitePlaceholders('SELECT $a, $')).toBe('SELECT $a, $');
  });

  it('handles escaped quotes', () => {
    expect(toSqlitePlaceholders(`SELECT 'it''s $1', $1`)).toBe(`SELECT 'it''s $1', ?1`);
  });
});

describe('toSqliteParameters', () => {
  it('keys values by position', () => {
    expect(toSqliteParameters(['a', 2])).toEqual({ '1': 'a', '2': 2 });
  });

  it('converts booleans, dates, undefined and objects', () => {
    const date = new Date('2026-01-02T03:04:05.000Z');

    expect(toSqliteParameters([true, false, date, undefined, { a: 1 }])).toEqual({
      '1': 1,
      '2': 0,
      '3': '2026-01-02T03:04:05.000Z',
      '4': null,
      '5': '{"a":1}',
    });
  });
});
