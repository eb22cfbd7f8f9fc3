import fixtures from '../../test/fixtures/icao9303-td1-examples.json';
import { arabicToMrz } from './arabic-transliteration';
import { mrzCheckDigit } from './check-digit';
import { latinToMrz } from './mrz-text';
import { buildTd1, isoDateToMrz } from './td1';
import { checkTd1, parseTd1 } from './td1-parse';

interface Td1Example {
  id: string;
  lines: string[];
  valid?: boolean;
  expected?: Record<string, string>;
}

const examples = fixtures.td1_examples as Td1Example[];
const validExamples = examples.filter((example) => example.valid !== false);

describe('MRZ check digit', () => {
  it.each(
    fixtures.check_digit_worked_examples.map((example) => [example.input, example.check_digit]),
  )('%s gives %s', (input, digit) => {
    expect(mrzCheckDigit(input)).toBe(digit);
  });

  it('rejects lowercase letters', () => {
    expect(() => mrzCheckDigit('ab1')).toThrow(
      expect.objectContaining({ code: 'MRZ_UNSUPPORTED_CHARACTER' }) as unknown as Error,
    );
  });
});

describe('TD1 check', () => {
  it.each(validExamples.map((example) => [example.id, example.lines]))(
    '%s is valid',
    (_id, lines) => {
      expect(checkTd1(lines)).toEqual({
        documentNumber: true,
        birthDate: true,
        expiryDate: true,
        composite: true,
        valid: true,
      });
    },
  );

  it('corrupted birth date fails its check digits', () => {
    const corrupted = examples.find((example) => example.valid === false)!;
    const result = checkTd1(corrupted.lines);

    expect(result.birthDate).toBe(false);
    expect(result.composite).toBe(false);
    expect(result.documentNumber).toBe(true);
    expect(result.valid).toBe(false);
  });

  it('rejects a zone of the wrong length', () => {
    expect(() => checkTd1('I<UTO')).toThrow(
      expect.objectContaining({ code: 'MRZ_MALFORMED' }) as unknown as Error,
    );
  });
});

describe('TD1 builder', () => {
  it.each(validExamples.map((example) => [example.id, example]))('rebuilds %s', (_id, example) => {
    const fields = parseTd1(example.lines);
    const built = buildTd1({
      documentCode: fields.documentCode,
      issuingState: fields.issuingState,
      documentNumber: fields.documentNumber,
      optionalData1: fields.optionalData1,
      birthDate: fields.birthDate,
      sex: fields.sex as 'M' | 'F',
      expiryDate: fields.expiryDate,
      nationality: fields.nationality,
      optionalData2: fields.optionalData2,
      primaryIdentifier: fields.primaryIdentifier,
      secondaryIdentifier: fields.secondaryIdentifier,
    });

    expect(built.lines).toEqual(example.lines);
    expect(built.text).toHaveLength(90);
  });

  it('parses the fields of the ICAO specimen', () => {
    const specimen = examples[0]!;
    const fields = parseTd1(specimen.lines);

    expect(fields.documentNumber).toBe(specimen.expected!['document_number']);
    expect(fields.primaryIdentifier).toBe(specimen.expected!['primary_identifier']);
    expect(fields.secondaryIdentifier).toBe(specimen.expected!['secondary_identifier']);
  });

  it('moves a long document number into optional data 1', () => {
    const mrz = buildTd1({
      issuingState: 'SYR',
      documentNumber: '100000000042',
      birthDate: '900115',
      sex: 'F',
      expiryDate: '310630',
      nationality: 'SYR',
      optionalData2: '01234567890',
      primaryIdentifier: 'Al-Halabi',
      secondaryIdentifier: 'Rasha',
    });

    expect(mrz.lines[0]).toBe(`IDSYR100000000<042${mrzCheckDigit('100000000042')}<<<<<<<<<<<`);
    expect(mrz.lines[2]).toBe('AL<HALABI<<RASHA<<<<<<<<<<<<<<');
    expect(checkTd1(mrz.lines).valid).toBe(true);
    expect(parseTd1(mrz.lines).documentNumber).toBe('100000000042');
  });

  it('cuts a long name to 30 characters', () => {
    const mrz = buildTd1({
      issuingState: 'SYR',
      documentNumber: '123456789',
      birthDate: '900115',
      sex: 'M',
      expiryDate: '310630',
      nationality: 'SYR',
      primaryIdentifier: 'Abdulrahman Al-Khatib',
      secondaryIdentifier: 'Mohammed Nour Eddine',
    });

    expect(mrz.lines[2]).toBe('ABDULRAHMAN<AL<KHATIB<<MOHAMME');
  });

  it.each([
    ['birth date', { birthDate: '901315' }, 'MRZ_INVALID_FIELD'],
    ['issuing state', { issuingState: 'SYRIA' }, 'MRZ_FIELD_TOO_LONG'],
    ['optional data', { optionalData2: 'abc' }, 'MRZ_INVALID_FIELD'],
    ['document number', { documentNumber: '1234567890123456789012345' }, 'MRZ_FIELD_TOO_LONG'],
  ])('rejects an invalid %s', (_field, override, code) => {
    const build = () =>
      buildTd1({
        issuingState: 'SYR',
        documentNumber: '123456789',
        birthDate: '900115',
        sex: 'M',
        expiryDate: '310630',
        nationality: 'SYR',
        primaryIdentifier: 'X',
        secondaryIdentifier: 'Y',
        ...override,
      });

    expect(build).toThrow(expect.objectContaining({ code }) as unknown as Error);
  });

  it('converts ISO dates', () => {
    expect(isoDateToMrz('1974-08-12')).toBe('740812');
  });
});

describe('MRZ names', () => {
  it.each([
    ['Anna Maria', 'ANNA<MARIA'],
    ["O'Neil", 'ONEIL'],
    ['Al-Rāzī', 'AL<RAZI'],
    ['Müller', 'MUELLER'],
    ['Øberg', 'OEBERG'],
  ])('converts Latin %s', (name, mrz) => {
    expect(latinToMrz(name)).toBe(mrz);
  });

  it('rejects characters with no MRZ form', () => {
    expect(() => latinToMrz('Anna2')).toThrow(
      expect.objectContaining({ code: 'MRZ_UNSUPPORTED_CHARACTER' }) as unknown as Error,
    );
  });

  it('transliterates the ICAO Arabic worked example', () => {
    const example = fixtures.arabic_transliteration.worked_example;

    expect(arabicToMrz(example.arabic)).toBe(example.mrz_x_scheme);
  });

  it.each([
    ['فاطمة', 'FAXTTMXAH'],
    ['عبّاس', 'EBBAS'],
    ['مُحَمَّد', 'MXHMMD'],
    ['عبد الله', 'EBD<ALLH'],
    ['ﻻ', 'LA'],
  ])('transliterates %s', (arabic, mrz) => {
    expect(arabicToMrz(arabic)).toBe(mrz);
  });

  it('transliterates each letter of the ICAO table', () => {
    const letters = fixtures.arabic_transliteration.letters.filter((row) =>
      /^[A-Z]+$/.test(row.icao_mrz),
    );
    for (const row of letters) {
      expect(`${row.arabic}=${arabicToMrz(row.arabic)}`).toBe(`${row.arabic}=${row.icao_mrz}`);
    }

    expect(letters.length).toBeGreaterThan(30);
  });

  it('rejects letters outside the table', () => {
    expect(() => arabicToMrz('پ')).toThrow(
      expect.objectContaining({ code: 'MRZ_UNSUPPORTED_CHARACTER' }) as unknown as Error,
    );
  });
});
