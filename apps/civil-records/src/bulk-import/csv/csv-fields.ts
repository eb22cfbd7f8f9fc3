/** Result of splitting one CSV line: its fields, or why the line is malformed. */
export type CsvFields = { fields: string[]; ok: true } | { message: string; ok: false };

const QUOTE = '"';
const SEPARATOR = ',';

/**
 * Splits one line of RFC 4180 CSV into fields. A field may be quoted, and a quoted field may
 * contain commas and doubled quotes. Fields never span lines here, so a quote still open at the
 * end of the line makes the line malformed instead of swallowing the lines after it.
 */
export function splitCsvLine(line: string): CsvFields {
  if (!line.includes(QUOTE)) return { fields: line.split(SEPARATOR), ok: true };

  const fields: string[] = [];
  let position = 0;

  for (;;) {
    const field = line[position] === QUOTE ? readQuoted(line, position) : readPlain(line, position);

    if (!field.ok) return field;

    fields.push(field.value);
    if (field.next >= line.length) {
      if (line.endsWith(SEPARATOR) && field.next === line.length) fields.push('');

      return { fields, ok: true };
    }
    position = field.next;
  }
}

type FieldRead = { next: number; ok: true; value: string } | { message: string; ok: false };

/** Reads an unquoted field starting at `start`; `next` is past the separator that ends it. */
function readPlain(line: string, start: number): FieldRead {
  const end = line.indexOf(SEPARATOR, start);
  const stop = end < 0 ? line.length : end;
  const value = line.slice(start, stop);

  if (value.includes(QUOTE)) {
    return {
      message: `quote inside an unquoted field at character ${start + value.indexOf(QUOTE) + 1}`,
      ok: false,
    };
  }

  return { next: end < 0 ? line.length : end + 1, ok: true, value };
}

/** Reads a quoted field whose opening quote is at `start`. */
function readQuoted(line: string, start: number): FieldRead {
  let value = '';
  let position = start + 1;

  for (;;) {
    const quote = line.indexOf(QUOTE, position);

    if (quote < 0) {
      return { message: `quoted field opened at character ${start + 1} is not closed`, ok: false };
    }

    value += line.slice(position, quote);
    if (line[quote + 1] === QUOTE) {
      value += QUOTE;
      position = quote + 2;
      continue;
    }

    const after = quote + 1;

    if (after === line.length) return { next: after, ok: true, value };
    if (line[after] !== SEPARATOR) {
      return { message: `text after the closing quote at character ${after + 1}`, ok: false };
    }

    return { next: after + 1, ok: true, value };
  }
}

/** Quotes a value for CSV output when it contains a separator, quote or line break. */
export function quoteCsvValue(value: string): string {
  if (!/[",\r\n]/.test(value)) return value;

  return `"${value.replaceAll(QUOTE, '""')}"`;
}
