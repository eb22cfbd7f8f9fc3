import { quoteCsvValue, splitCsvLine } from './csv-fields';

describe('splitCsvLine', () => {
  it.each([
    ['a,b,c', ['a', 'b', 'c']],
    ['a,,c', ['a', '', 'c']],
    ['a,b,', ['a', 'b', '']],
    ['', ['']],
    ['"a,b",c', ['a,b', 'c']],
    ['a,"b ""q"" c"', ['a', 'b "q" c']],
    ['"",x', ['', 'x']],
    ['x,""', ['x', '']],
    ['"a",', ['a', '']],
    ['"محمد",أحمد', ['محمد', 'أحمد']],
  ])('fields of %s', (line, fields) => {
    expect(splitCsvLine(line)).toEqual({ fields, ok: true });
  });

  it.each([
    ['"open,b', /not closed/],
    ['"a"b,c', /text after the closing quote at character 4/],
    ['a,b"c', /quote inside an unquoted field at character 4/],
  ])('malformed %s', (line, message) => {
    const result = splitCsvLine(line);

    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toMatch(message);
  });
});

describe('quoteCsvValue', () => {
  it('plain value unchanged', () => {
    expect(quoteCsvValue('abc')).toBe('abc');
  });

  it('round trip', () => {
    const values = ['a,b', 'say "hi"', 'line\nbreak', ''];
    const line = values.map(quoteCsvValue).join(',');

    expect(splitCsvLine(line.replace('\n', ' '))).toEqual({
      fields: ['a,b', 'say "hi"', 'line break', ''],
      ok: true,
    });
  });
});
