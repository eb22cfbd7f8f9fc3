import { csvCell, toCsv } from './csv';

describe('csv', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('leaves plain cells bare', () => {
    expect(csvCell('SY01')).toBe('SY01');
    expect(csvCell(-1500)).toBe('-1500');
    expect(csvCell(null)).toBe('');
    expect(csvCell(false)).toBe('false');
  });

  it('renders header and rows', () => {
    const rows = [
      { day: '2026-11-15', quantity: 20_000 },
      { day: '2026-11-16', quantity: -5 },
    ];

    expect(toCsv(['day', 'quantity'], rows)).toBe(
      'day,quantity\r\n2026-11-15,20000\r\n2026-11-16,-5\r\n',
    );
  });
});
