import { isoDate, isValidNationalNumber } from '@bitaqa/contracts';

import { personNameAr } from '../../registry/validators';
import type { RejectEntry } from '../types';

import type { ColumnIndex } from './header';

/** Earliest date a register entry may carry; an earlier one is a typing mistake. */
export const EARLIEST_DATE = '1870-01-01';

/**
 * Reads the typed values of one CSV line by column name and collects every problem it finds,
 * so that the reject report lists all of a line's faults at once. A getter returns undefined
 * for a value that failed (and records why), or null for an optional value left empty.
 */
export class RowReader<Name extends string> {
  readonly problems: RejectEntry[] = [];

  constructor(
    private readonly fields: readonly string[],
    private readonly columns: ColumnIndex<Name>,
    readonly line: number,
    private readonly today: string,
  ) {}

  /** Returns the trimmed text of a column, or an empty string when the file lacks the column. */
  text(name: Name): string {
    const index = this.columns[name];

    return index === undefined ? '' : (this.fields[index] ?? '').trim();
  }

  /** Returns the text of a column, recording MISSING_FIELD when it is empty and required. */
  present(name: Name, required: boolean): string | null | undefined {
    const value = this.text(name);

    if (value !== '') return value;
    if (!required) return null;

    this.fail(name, value, 'MISSING_FIELD', `${name} is required`);

    return undefined;
  }

  nationalNumber(name: Name, required: boolean): string | null | undefined {
    const value = this.present(name, required);

    if (!value) return value;
    if (!/^\d{11}$/.test(value)) {
      return this.fail(name, value, 'INVALID_NATIONAL_NUMBER', `${name} must be 11 digits`);
    }
    if (!/^(0[1-9]|1[0-4])/.test(value)) {
      return this.fail(
        name,
        value,
        'INVALID_NATIONAL_NUMBER',
        `${name} must start with a governorate number 01-14`,
      );
    }
    if (!isValidNationalNumber(value)) {
      return this.fail(
        name,
        value,
        'CHECK_DIGIT_MISMATCH',
        `${name} ${value} has a wrong check digit`,
      );
    }

    return value;
  }

  /** Reads an ISO date that exists, is not after today and is not before `EARLIEST_DATE`. */
  date(name: Name, required: boolean): string | null | undefined {
    const value = this.present(name, required);

    if (!value) return value;
    if (!isoDate.safeParse(value).success) {
      return this.fail(name, value, 'INVALID_DATE', `${name} must be a calendar date YYYY-MM-DD`);
    }
    if (value > this.today) {
      return this.fail(
        name,
        value,
        'DATE_IN_FUTURE',
        `${name} ${value} is after today (${this.today})`,
      );
    }
    if (value < EARLIEST_DATE) {
      return this.fail(
        name,
        value,
        'DATE_TOO_EARLY',
        `${name} ${value} is before ${EARLIEST_DATE}`,
      );
    }

    return value;
  }

  arabicName(name: Name, required: boolean): string | null | undefined {
    const value = this.present(name, required);

    if (!value) return value;
    if (!personNameAr.safeParse(value).success) {
      return this.fail(
        name,
        value,
        'INVALID_NAME',
        `${name} must be 1-80 Arabic letters, diacritics and spaces, with at least one letter`,
      );
    }

    return value;
  }

  /** One of `allowed`, recording `code` when the value is another. */
  oneOf<Value extends string>(
    name: Name,
    allowed: readonly Value[],
    code: string,
  ): Value | undefined {
    const value = this.present(name, true);

    if (value === undefined || value === null) return undefined;
    if ((allowed as readonly string[]).includes(value)) return value as Value;

    return this.fail(name, value, code, `${name} must be one of ${allowed.join(', ')}`);
  }

  /** Records a problem and returns undefined, so a getter can `return this.fail(...)`. */
  fail(column: Name | null, value: string | null, code: string, message: string): undefined {
    this.problems.push({ code, column, line: this.line, message, value });

    return undefined;
  }
}
