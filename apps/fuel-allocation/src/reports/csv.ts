/** A cell of a CSV report: text, a whole number, a decimal, a flag, or empty. */
export type CsvCell = string | number | boolean | null | undefined;

/** Quotes a cell as RFC 4180 requires: fields holding a comma, quote or line break. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';

  const text = String(value);

  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Renders a header and rows as CSV with CRLF line ends, as RFC 4180 specifies. */
export function toCsv<Row>(columns: readonly (keyof Row & string)[], rows: readonly Row[]): string {
  const lines = [columns.join(',')];

  for (const row of rows) {
    lines.push(columns.map((column) => csvCell(row[column] as CsvCell)).join(','));
  }

  return `${lines.join('\r\n')}\r\n`;
}
