import { createHash } from 'node:crypto';

/**
 * Serializes a JSON value canonically: object keys sorted by UTF-16 code units, no whitespace,
 * strings escaped as JSON.stringify escapes them. Only safe integers are allowed as numbers,
 * because float formatting differs between serializers. Undefined, NaN, fractions and other
 * non-JSON values throw a TypeError.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError(`not a safe integer: ${value}`);

    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  // Compares the tag rather than the prototype, so that plain objects from another realm (such
  // as those fetch() parses in a Jest test) pass and Dates, Maps and class instances do not.
  if (Object.prototype.toString.call(value) === '[object Object]' && isPlain(value)) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      compareCodeUnits(a, b),
    );

    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }

  throw new TypeError(`not a JSON value: ${typeof value}`);
}

function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;

  return a < b ? -1 : 1;
}

function isPlain(value: unknown): boolean {
  const prototype = Object.getPrototypeOf(value) as object | null;

  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

/** Lower-case hex SHA-256 of the canonical JSON of `value`, as printed on extracts. */
export function documentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}
