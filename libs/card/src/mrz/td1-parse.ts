import { mrzCheckDigit } from './check-digit';
import { MrzError } from './mrz-error';
import { TD1_LINE_LENGTH } from './td1';

export interface Td1Fields {
  documentCode: string;
  issuingState: string;
  /** The whole document number, including a part that continues in optional data 1. */
  documentNumber: string;
  optionalData1: string;
  birthDate: string;
  sex: string;
  expiryDate: string;
  nationality: string;
  optionalData2: string;
  primaryIdentifier: string;
  secondaryIdentifier: string;
}

export interface Td1CheckResult {
  documentNumber: boolean;
  birthDate: boolean;
  expiryDate: boolean;
  composite: boolean;
  /** True when all four check digits match. */
  valid: boolean;
}

/** Splits a 90-character TD1 MRZ, or its three lines, into lines of 30 characters. */
export function td1Lines(mrz: string | readonly string[]): [string, string, string] {
  const text = typeof mrz === 'string' ? mrz.replace(/\r?\n/g, '') : mrz.join('');
  if (text.length !== TD1_LINE_LENGTH * 3 || !/^[A-Z0-9<]+$/.test(text)) {
    throw new MrzError(
      'MRZ_MALFORMED',
      `a TD1 MRZ is 90 characters of A-Z, 0-9 and <, got "${text}"`,
      {
        length: text.length,
      },
    );
  }

  return [text.slice(0, 30), text.slice(30, 60), text.slice(60, 90)];
}

function trimFiller(value: string): string {
  return value.replace(/<+$/, '');
}

/** Reads the document number, following the ICAO rule for numbers longer than 9 characters. */
function documentNumber(line1: string): { number: string; checkDigit: string; optional: string } {
  const field = line1.slice(5, 14);
  const check = line1.slice(14, 15);
  const optional = line1.slice(15, 30);
  if (check !== '<') {
    return { number: trimFiller(field), checkDigit: check, optional };
  }

  const overflowEnd = optional.indexOf('<') === -1 ? optional.length : optional.indexOf('<');
  const overflow = optional.slice(0, overflowEnd);

  return {
    number: field + overflow.slice(0, -1),
    checkDigit: overflow.slice(-1),
    optional: optional.slice(overflowEnd),
  };
}

export function parseTd1(mrz: string | readonly string[]): Td1Fields {
  const [line1, line2, line3] = td1Lines(mrz);
  const number = documentNumber(line1);
  const [primary = ''] = line3.split('<<');

  return {
    documentCode: line1.slice(0, 2),
    issuingState: line1.slice(2, 5),
    documentNumber: number.number,
    optionalData1: trimFiller(number.optional),
    birthDate: line2.slice(0, 6),
    sex: line2.slice(7, 8),
    expiryDate: line2.slice(8, 14),
    nationality: line2.slice(15, 18),
    optionalData2: trimFiller(line2.slice(18, 29)),
    primaryIdentifier: trimFiller(primary).replace(/</g, ' '),
    secondaryIdentifier: trimFiller(line3.slice(primary.length + 2))
      .replace(/</g, ' ')
      .trim(),
  };
}

/** Recomputes the four check digits of a TD1 MRZ and compares them with the printed ones. */
export function checkTd1(mrz: string | readonly string[]): Td1CheckResult {
  const [line1, line2] = td1Lines(mrz);
  const number = documentNumber(line1);
  const documentNumberValid = mrzCheckDigit(number.number.padEnd(9, '<')) === number.checkDigit;
  const birthDate = mrzCheckDigit(line2.slice(0, 6)) === line2[6];
  const expiryDate = mrzCheckDigit(line2.slice(8, 14)) === line2[14];
  const compositeInput =
    line1.slice(5, 30) + line2.slice(0, 7) + line2.slice(8, 15) + line2.slice(18, 29);
  const composite = mrzCheckDigit(compositeInput) === line2[29];

  return {
    documentNumber: documentNumberValid,
    birthDate,
    expiryDate,
    composite,
    valid: documentNumberValid && birthDate && expiryDate && composite,
  };
}
