import { makeNationalNumber } from '@bitaqa/contracts';

import { isLegacyHeader, parseLegacyLine, splitCsvLine } from './legacy-line';

const holder = makeNationalNumber(1, 1234567);

describe('splitCsvLine', () => {
  it('plain and empty fields', () => {
    expect(splitCsvLine('a,,b,')).toEqual(['a', '', 'b', '']);
  });

  it('quoted fields with commas and quotes', () => {
    expect(splitCsvLine('"a,b","say ""hi""",c')).toEqual(['a,b', 'say "hi"', 'c']);
  });

  it('unbalanced or trailing quote', () => {
    expect(splitCsvLine('"a,b')).toBeUndefined();
    expect(splitCsvLine('"a"b,c')).toBeUndefined();
  });
});

describe('isLegacyHeader', () => {
  it('accepts byte order mark and case', () => {
    expect(
      isLegacyHeader(
        '\uFEFFLegacy_Card_Number,kind,national_number,plate,vehicle_class,governorate,issue_date',
      ),
    ).toBe(true);
  });

  it('rejects other columns', () => {
    expect(isLegacyHeader('legacy_card_number,kind')).toBe(false);
  });
});

describe('parseLegacyLine', () => {
  const reason = (line: string) => {
    const parsed = parseLegacyLine(line, 2);

    return 'reason' in parsed ? parsed.reason : 'ok';
  };

  it('family and vehicle cards', () => {
    expect(parseLegacyLine(`L-100,family,${holder},,,SY01,2015-03-01`, 2)).toMatchObject({
      kind: 'family',
      plate: null,
      vehicleClass: null,
    });
    expect(
      parseLegacyLine(` L-200 ,vehicle,${holder},AB-12,taxi,SY01,2015-03-01\r`, 3),
    ).toMatchObject({
      legacyCardNumber: 'L-200',
      plate: 'AB-12',
      vehicleClass: 'taxi',
    });
  });

  it('reason per bad field', () => {
    const badDigit = holder.slice(0, -1) + String((Number(holder.slice(-1)) + 1) % 10);

    expect(reason(`L-100,family,${badDigit},,,SY01,2015-03-01`)).toBe('bad-check-digit');
    expect(reason(`L-100,vehicle,${holder},AB-12,bus,SY01,2015-03-01`)).toBe('unknown-class');
    expect(reason(`L-100,vehicle,${holder},AB-12,,SY01,2015-03-01`)).toBe('unknown-class');
    expect(reason(`L-100,family,${holder},AB-12,taxi,SY01,2015-03-01`)).toBe('malformed-line');
    expect(reason(`L-100,vehicle,${holder},,taxi,SY01,2015-03-01`)).toBe('malformed-line');
    expect(reason(`L-100,truck,${holder},,,SY01,2015-03-01`)).toBe('malformed-line');
    expect(reason(`L-100,family,1234,,,SY01,2015-03-01`)).toBe('malformed-line');
    expect(reason(`L-100,family,${holder},,,SY15,2015-03-01`)).toBe('malformed-line');
    expect(reason(`L-100,family,${holder},,,SY01,2015-13-01`)).toBe('malformed-line');
    expect(reason(`L-100,family,${holder},,,SY01`)).toBe('malformed-line');
    expect(reason(`l 1,family,${holder},,,SY01,2015-03-01`)).toBe('malformed-line');
  });

  it('nul and overlong lines', () => {
    const nul = parseLegacyLine(`L-100,family,${holder},,,SY01,2015-03-01\0`, 4);
    const long = parseLegacyLine(`L-100,family,${holder},,,SY01,${'x'.repeat(3_000)}`, 5);

    expect(nul).toMatchObject({ line: `L-100,family,${holder},,,SY01,2015-03-01\uFFFD` });
    expect(nul).toMatchObject({ reason: 'malformed-line' });
    expect(long).toMatchObject({ detail: 'line longer than 2000 characters' });
    expect(long).toMatchObject({ line: expect.stringMatching(/^.{2000}$/) });
  });

  it('prefix outside 01-14 is malformed', () => {
    const body = `99${'12345678'}`;
    let sum = 0;

    // Luhn check digit of `body`, so only the governorate prefix is wrong.
    for (let index = 0; index < body.length; index += 1) {
      let digit = Number(body[body.length - 1 - index]);

      if (index % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      sum += digit;
    }

    expect(reason(`L-100,family,${body}${(10 - (sum % 10)) % 10},,,SY01,2015-03-01`)).toBe(
      'malformed-line',
    );
  });
});
