/**
 * Rewrites PostgreSQL's `$1..$n` placeholders as SQLite's numbered `?1..?n`, leaving quoted
 * strings and identifiers alone, so SQL written for the messaging library runs on SQLite.
 */
export function toSqlitePlaceholders(sql: string): string {
  let output = '';
  let quote: string | undefined;

  for (let index = 0; index < sql.length; index += 1) {
    const char = sql[index] as string;

    if (quote) {
      output += char;
      if (char === quote) quote = undefined;
      continue;
    }

    if (char === "'" || char === '"') {
      quote = char;
      output += char;
      continue;
    }

    const digits = char === '$' ? /^\d+/.exec(sql.slice(index + 1)) : null;

    if (digits) {
      output += `?${digits[0]}`;
      index += digits[0].length;
      continue;
    }

    output += char;
  }

  return output;
}

export type SqliteValue = bigint | Buffer | null | number | string;

function toSqliteValue(value: unknown): SqliteValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  if (
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    typeof value === 'string' ||
    Buffer.isBuffer(value)
  ) {
    return value;
  }

  return JSON.stringify(value);
}

/**
 * Binds positional values to numbered placeholders: better-sqlite3 treats `?1` as a parameter
 * named `1`, so the values go in an object keyed by position. Booleans become 0/1, dates ISO
 * 8601 text, other objects JSON.
 */
export function toSqliteParameters(values: readonly unknown[]): Record<string, SqliteValue> {
  const parameters: Record<string, SqliteValue> = {};

  values.forEach((value, index) => {
    parameters[String(index + 1)] = toSqliteValue(value);
  });

  return parameters;
}
