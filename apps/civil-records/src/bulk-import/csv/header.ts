import { splitCsvLine } from './csv-fields';

/** A column of an import file: its header name and whether a value is required. */
export interface ColumnSpec {
  name: string;
  required: boolean;
}

/** Where each known column sits in a file's lines; optional columns may be absent. */
export type ColumnIndex<Name extends string> = Readonly<Record<Name, number | undefined>>;

export type HeaderCheck<Name extends string> =
  { columns: ColumnIndex<Name>; count: number; ok: true } | { message: string; ok: false };

/**
 * Checks a header line against the file's column specs. Columns may come in any order and
 * optional ones may be left out; a missing required column, an unknown column or a repeated one
 * fails, because a misspelt name would otherwise drop a whole column of data silently.
 */
export function readHeader<Name extends string>(
  line: string | undefined,
  specs: readonly (ColumnSpec & { name: Name })[],
): HeaderCheck<Name> {
  if (line === undefined || line.trim() === '') return { message: 'the file is empty', ok: false };

  const split = splitCsvLine(line);

  if (!split.ok) return { message: `the header line is malformed: ${split.message}`, ok: false };

  const names = split.fields.map((field) => field.trim());
  const known = new Set<string>(specs.map((spec) => spec.name));
  const unknown = names.filter((name) => !known.has(name));
  const repeated = names.filter((name, index) => names.indexOf(name) !== index);
  const missing = specs.filter((spec) => spec.required && !names.includes(spec.name));

  if (unknown.length > 0) return { message: `unknown columns: ${unknown.join(', ')}`, ok: false };
  if (repeated.length > 0)
    return { message: `repeated columns: ${repeated.join(', ')}`, ok: false };
  if (missing.length > 0) {
    return {
      message: `missing columns: ${missing.map((spec) => spec.name).join(', ')}`,
      ok: false,
    };
  }

  const columns = Object.fromEntries(
    specs.map((spec) => {
      const index = names.indexOf(spec.name);

      return [spec.name, index < 0 ? undefined : index];
    }),
  ) as Record<Name, number | undefined>;

  return { columns, count: names.length, ok: true };
}
