import { isolateLtr, visualPieces } from '../src/extracts/pdf/bidi';

/** Returns the pieces' texts, left to right, as handed to pdfkit. */
function texts(line: string): string[] {
  return visualPieces(line).map((piece) => piece.text);
}

describe('visualPieces', () => {
  it('empty line', () => {
    expect(visualPieces('')).toEqual([]);
  });

  it('one Arabic word stays in logical order', () => {
    expect(visualPieces('محمد')).toEqual([{ level: 1, text: 'محمد' }]);
  });

  it('Arabic words run right to left', () => {
    expect(texts('محمد أحمد الحلبي')).toEqual(['الحلبي', ' ', 'أحمد', ' ', 'محمد']);
  });

  it('Latin digits after Arabic stay left to right', () => {
    const pieces = visualPieces('الرقم 02000000013');

    expect(pieces.map((piece) => piece.text)).toEqual(['02000000013', ' ', 'الرقم']);
    expect(pieces[0]?.level).toBe(2);
  });

  it('Latin run with digits keeps its order', () => {
    expect(texts('دفتر FAM-SY02-000001')).toEqual(['FAM-SY02-000001', ' ', 'دفتر']);
  });

  it('date after Arabic is reversed without an isolate', () => {
    // UAX #9 rule W2 turns digits after Arabic letters into Arabic numbers, and a hyphen between
    // Arabic numbers is neutral, so the groups of the date run right to left.
    expect(texts('تاريخ: 2026-06-30').join('')).toBe('30-06-2026 :تاريخ');
  });

  it('isolated date keeps its order', () => {
    expect(texts(`تاريخ: ${isolateLtr('2026-06-30')}`)).toEqual(['2026-06-30', ' :', 'تاريخ']);
  });

  it('isolate controls are not drawn', () => {
    const drawn = texts(`أ ${isolateLtr('1')}`).join('');

    expect(drawn).not.toMatch(/[\u2066\u2069]/);
    expect(drawn).toBe('1 أ');
  });

  it('parentheses in a right-to-left run are mirrored', () => {
    // Logical "(محمد)": the opening parenthesis is at the right, so it is drawn as ")".
    expect(texts('(محمد)')).toEqual(['(', 'محمد', ')']);
  });

  it('neutrals between Arabic words are reversed', () => {
    expect(texts('أ - ب')).toEqual(['ب', ' - ', 'أ']);
    expect(texts('أ: ب')).toEqual(['ب', ' :', 'أ']);
  });

  it('Latin words inside Arabic keep their order', () => {
    // The parentheses resolve right-to-left and are mirrored, so they still enclose SHA-256.
    expect(texts('رمز (SHA-256) للتحقق')).toEqual(['للتحقق', ' (', 'SHA-256', ') ', 'رمز']);
  });

  it('combining marks stay with their letter', () => {
    const pieces = visualPieces('منتهٍ بالطلاق');

    expect(pieces.map((piece) => piece.text)).toEqual(['بالطلاق', ' ', 'منتهٍ']);
  });

  it('Arabic-Indic digits are pre-reversed for fontkit', () => {
    // fontkit reverses any run in the Arabic script, digits included, so a left-to-right run of
    // Arabic-Indic digits is handed over reversed and comes out in reading order.
    expect(texts('رقم ١٢٣')).toEqual(['٣٢١', ' ', 'رقم']);
  });

  it('pieces cover every character once', () => {
    const line = 'الاسم: محمد (أحمد) 1990-05-12 FAM-SY01-000001 رقم';
    // Mirroring may swap a parenthesis for its partner, so both count as one character here.
    const multiset = (text: string): string => [...text.replace(/\)/g, '(')].sort().join('');

    expect(multiset(texts(line).join(''))).toBe(multiset(line));
  });
});
