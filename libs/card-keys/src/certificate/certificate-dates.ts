import { CardKeyError } from '../errors';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Checks a `YYYY-MM-DD` calendar date between 2000-01-01 and 2099-12-31. */
export function assertCertificateDate(date: string, field: string): void {
  const match = ISO_DATE.exec(date);
  const parsed = new Date(`${date}T00:00:00Z`);

  if (
    !match ||
    Number.isNaN(parsed.getTime()) ||
    parsed.toISOString().slice(0, 10) !== date ||
    !date.startsWith('20')
  ) {
    throw new CardKeyError(
      'INVALID_ARGUMENT',
      `${field} must be a date from 2000-01-01 to 2099-12-31 as YYYY-MM-DD, got ${JSON.stringify(date)}`,
    );
  }
}

/**
 * Encodes a date as six bytes YYMMDD, one decimal digit per byte, as the card-verifiable
 * certificates of BSI TR-03110 do. The century is always 20.
 */
export function encodeCertificateDate(date: string): Buffer {
  return Buffer.from(date.slice(2).replaceAll('-', '').split('').map(Number));
}

export function decodeCertificateDate(bytes: Buffer, field: string): string {
  if (bytes.length !== 6 || bytes.some((digit) => digit > 9)) {
    throw new CardKeyError('CERTIFICATE_MALFORMED', `${field} is not six date digits`);
  }

  const digits = [...bytes].join('');
  const date = `20${digits.slice(0, 2)}-${digits.slice(2, 4)}-${digits.slice(4, 6)}`;

  try {
    assertCertificateDate(date, field);
  } catch {
    throw new CardKeyError('CERTIFICATE_MALFORMED', `${field} ${date} is not a calendar date`);
  }

  return date;
}

/** Formats the UTC calendar date of an instant as `YYYY-MM-DD`. */
export function utcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
