import { isValidLuhn, isValidNationalNumber } from '@bitaqa/contracts';

import { VEHICLE_CLASSES, type VehicleClass } from '../catalogue/catalogue.types';

import { LEGACY_COLUMNS, type LegacyCardLine, type Rejection } from './legacy-import.types';

const CARD_NUMBER = /^[A-Z0-9][A-Z0-9-]{3,29}$/;

const PLATE = /^[A-Z0-9][A-Z0-9-]{1,19}$/;

const GOVERNORATE = /^SY(0[1-9]|1[0-4])$/;

/**
 * Splits one CSV line into fields (RFC 4180 quoting inside one line). Returns undefined for a
 * line whose quotes do not close or are followed by other characters.
 */
export function splitCsvLine(line: string): string[] | undefined {
  const fields: string[] = [];
  let index = 0;

  for (;;) {
    if (line[index] === '"') {
      let value = '';

      index += 1;
      for (;;) {
        const quote = line.indexOf('"', index);

        if (quote < 0) return undefined;
        value += line.slice(index, quote);
        index = quote + 1;
        if (line[index] !== '"') break;
        value += '"';
        index += 1;
      }
      fields.push(value);
      if (index === line.length) return fields;
      if (line[index] !== ',') return undefined;
    } else {
      const comma = line.indexOf(',', index);
      const end = comma < 0 ? line.length : comma;

      fields.push(line.slice(index, end));
      if (comma < 0) return fields;
      index = comma;
    }
    index += 1;
  }
}

/** True when the line names the legacy columns in order, ignoring a UTF-8 byte order mark. */
export function isLegacyHeader(line: string): boolean {
  const fields = splitCsvLine(line.replace(/^\uFEFF/, '').trim());

  return fields?.map((field) => field.trim().toLowerCase()).join(',') === LEGACY_COLUMNS.join(',');
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;

  const date = new Date(`${value}T00:00:00Z`);

  // An impossible month gives an invalid date; 02-30 rolls over to March and differs.
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Maximum line length accepted; a well-formed line has at most 104 characters. */
export const MAX_LINE_LENGTH = 2_000;

function reject(
  raw: string,
  lineNumber: number,
  reason: Rejection['reason'],
  detail: string,
  legacyCardNumber: string | null = null,
): Rejection {
  // PostgreSQL text cannot hold NUL, so the report shows U+FFFD in its place.
  const line = raw.slice(0, MAX_LINE_LENGTH).replaceAll('\0', '\uFFFD');

  return { detail, legacyCardNumber, line, lineNumber, reason };
}

/** Checks the fields every kind of card has; returns the first problem. */
function commonProblem(fields: string[]): [Rejection['reason'], string] | undefined {
  const [cardNumber, kind, nationalNumber, , , governorate, issueDate] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];

  if (!CARD_NUMBER.test(cardNumber))
    return ['malformed-line', `invalid legacy card number "${cardNumber}"`];
  if (kind !== 'family' && kind !== 'vehicle')
    return ['malformed-line', `kind must be family or vehicle, got "${kind}"`];
  if (!/^\d{11}$/.test(nationalNumber))
    return ['malformed-line', `national number must be 11 digits, got "${nationalNumber}"`];
  if (!isValidLuhn(nationalNumber))
    return ['bad-check-digit', `check digit of ${nationalNumber} does not match`];
  if (!isValidNationalNumber(nationalNumber))
    return ['malformed-line', `national number ${nationalNumber} has no governorate prefix 01-14`];
  if (!GOVERNORATE.test(governorate))
    return ['malformed-line', `governorate must be SY01-SY14, got "${governorate}"`];
  if (!isCalendarDate(issueDate))
    return ['malformed-line', `issue date must be YYYY-MM-DD, got "${issueDate}"`];

  return undefined;
}

/** Checks the plate and class columns against the card's kind. */
function vehicleProblem(
  kind: string,
  plate: string,
  vehicleClass: string,
): [Rejection['reason'], string] | undefined {
  if (kind === 'family') {
    return plate || vehicleClass
      ? ['malformed-line', 'a family card has no plate or vehicle class']
      : undefined;
  }
  if (!PLATE.test(plate)) return ['malformed-line', `invalid plate "${plate}"`];
  if (!(VEHICLE_CLASSES as readonly string[]).includes(vehicleClass)) {
    return [
      'unknown-class',
      `vehicle class must be one of ${VEHICLE_CLASSES.join(', ')}, got "${vehicleClass}"`,
    ];
  }

  return undefined;
}

/** Parses one data line; returns the card or the reason it cannot be applied. */
export function parseLegacyLine(raw: string, lineNumber: number): LegacyCardLine | Rejection {
  if (raw.length > MAX_LINE_LENGTH) {
    return reject(
      raw,
      lineNumber,
      'malformed-line',
      `line longer than ${MAX_LINE_LENGTH} characters`,
    );
  }
  if (raw.includes('\0'))
    return reject(raw, lineNumber, 'malformed-line', 'line contains a NUL character');

  const fields = splitCsvLine(raw.replace(/\r$/, ''))?.map((field) => field.trim());

  if (!fields) return reject(raw, lineNumber, 'malformed-line', 'unbalanced quotes');
  if (fields.length !== LEGACY_COLUMNS.length) {
    return reject(
      raw,
      lineNumber,
      'malformed-line',
      `expected ${LEGACY_COLUMNS.length} fields, got ${fields.length}`,
    );
  }

  const [cardNumber, kind, nationalNumber, plate, vehicleClass, governorate, issueDate] =
    fields as [string, string, string, string, string, string, string];
  const problem = commonProblem(fields) ?? vehicleProblem(kind, plate, vehicleClass);

  if (problem) {
    return reject(
      raw,
      lineNumber,
      problem[0],
      problem[1],
      CARD_NUMBER.test(cardNumber) ? cardNumber : null,
    );
  }

  return {
    governorate,
    issueDate,
    kind: kind as LegacyCardLine['kind'],
    legacyCardNumber: cardNumber,
    lineNumber,
    nationalNumber,
    plate: kind === 'vehicle' ? plate : null,
    raw,
    vehicleClass: kind === 'vehicle' ? (vehicleClass as VehicleClass) : null,
  };
}

export function isRejection(parsed: LegacyCardLine | Rejection): parsed is Rejection {
  return 'reason' in parsed;
}
