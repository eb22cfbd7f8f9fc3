import { mrzCheckDigit } from './check-digit';
import { MrzError } from './mrz-error';
import { latinToMrz, padField } from './mrz-text';

export const TD1_LINE_LENGTH = 30;

/** Document number characters that fit before its check digit in line 1. */
const DOCUMENT_NUMBER_FIELD = 9;
const OPTIONAL_DATA_1_LENGTH = 15;
const OPTIONAL_DATA_2_LENGTH = 11;

export interface Td1Input {
  /** Two characters; 'I', 'A' or 'C' first for identity cards. Defaults to 'ID'. */
  documentCode?: string;
  /** ICAO 9303 three-letter code, such as SYR. */
  issuingState: string;
  /** A-Z and 0-9. Numbers longer than 9 characters continue in optional data 1. */
  documentNumber: string;
  optionalData1?: string;
  /** YYMMDD. */
  birthDate: string;
  sex: 'M' | 'F' | '<';
  /** YYMMDD. */
  expiryDate: string;
  nationality: string;
  optionalData2?: string;
  /** Latin-script surname(s); converted with `latinToMrz`. */
  primaryIdentifier: string;
  /** Latin-script given name(s); converted with `latinToMrz`. */
  secondaryIdentifier: string;
}

export interface Td1Mrz {
  lines: [string, string, string];
  /** The three lines joined without separators: 90 characters. */
  text: string;
}

function assertDate(value: string, field: string): string {
  if (!/^\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/.test(value)) {
    throw new MrzError('MRZ_INVALID_FIELD', `${field} "${value}" must be a date as YYMMDD`, {
      field,
      value,
    });
  }

  return value;
}

/** Converts an ISO date (YYYY-MM-DD) to the MRZ form YYMMDD. */
export function isoDateToMrz(isoDate: string): string {
  const match = /^\d{2}(\d{2})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (match === null) {
    throw new MrzError('MRZ_INVALID_FIELD', `date "${isoDate}" must be YYYY-MM-DD`, {
      value: isoDate,
    });
  }

  return `${match[1]}${match[2]}${match[3]}`;
}

/**
 * Lays out line 1's document number, check digit and optional data 1. A number longer than 9
 * characters puts '<' in the check digit position and continues in optional data 1, followed
 * by its check digit (ICAO 9303 Part 5, 4.2.4 note j).
 */
function documentNumberFields(documentNumber: string, optionalData1: string): string {
  if (documentNumber.length === 0) {
    throw new MrzError('MRZ_INVALID_FIELD', 'document number is empty', {
      field: 'documentNumber',
    });
  }

  if (documentNumber.length <= DOCUMENT_NUMBER_FIELD) {
    const field = padField(documentNumber, DOCUMENT_NUMBER_FIELD, 'document number');
    const optional = padField(optionalData1, OPTIONAL_DATA_1_LENGTH, 'optional data 1');

    return field + mrzCheckDigit(field) + optional;
  }

  padField(documentNumber, DOCUMENT_NUMBER_FIELD + OPTIONAL_DATA_1_LENGTH - 1, 'document number');
  const overflow = documentNumber.slice(DOCUMENT_NUMBER_FIELD) + mrzCheckDigit(documentNumber);
  const optional = padField(overflow + optionalData1, OPTIONAL_DATA_1_LENGTH, 'optional data 1');

  return documentNumber.slice(0, DOCUMENT_NUMBER_FIELD) + '<' + optional;
}

/**
 * Builds line 3 from the name. A name longer than 30 characters is cut at 30 and, when the cut
 * ends on a filler, the fillers are dropped and the line padded again.
 */
function nameLine(primary: string, secondary: string): string {
  const primaryMrz = latinToMrz(primary);
  const secondaryMrz = latinToMrz(secondary);
  if (primaryMrz.length === 0) {
    throw new MrzError('MRZ_INVALID_FIELD', 'primary identifier is empty', {
      field: 'primaryIdentifier',
    });
  }

  const full = secondaryMrz.length === 0 ? primaryMrz : `${primaryMrz}<<${secondaryMrz}`;
  // NOTE: ICAO 9303 Part 3, 4.6 describes finer truncation (shorten each given name first);
  // this cut keeps the start of the name only.
  const cut = full.slice(0, TD1_LINE_LENGTH).replace(/<+$/, '');

  return cut.padEnd(TD1_LINE_LENGTH, '<');
}

/** Builds a TD1 machine readable zone with every ICAO 9303 check digit. */
export function buildTd1(input: Td1Input): Td1Mrz {
  const documentCode = padField(input.documentCode ?? 'ID', 2, 'document code');
  const issuingState = padField(input.issuingState, 3, 'issuing state');
  const nationality = padField(input.nationality, 3, 'nationality');
  const birthDate = assertDate(input.birthDate, 'birth date');
  const expiryDate = assertDate(input.expiryDate, 'expiry date');
  const numberFields = documentNumberFields(input.documentNumber, input.optionalData1 ?? '');
  const optionalData2 = padField(
    input.optionalData2 ?? '',
    OPTIONAL_DATA_2_LENGTH,
    'optional data 2',
  );

  const line1 = documentCode + issuingState + numberFields;
  const birth = birthDate + mrzCheckDigit(birthDate);
  const expiry = expiryDate + mrzCheckDigit(expiryDate);
  const composite = mrzCheckDigit(numberFields + birth + expiry + optionalData2);
  const line2 = birth + input.sex + expiry + nationality + optionalData2 + composite;
  const line3 = nameLine(input.primaryIdentifier, input.secondaryIdentifier);

  return { lines: [line1, line2, line3], text: line1 + line2 + line3 };
}
