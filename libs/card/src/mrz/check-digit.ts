import { MrzError } from './mrz-error';

/** ICAO 9303 Part 3 weights, repeated over the field. */
const WEIGHTS = [7, 3, 1] as const;

function characterValue(character: string, field: string): number {
  if (character === '<') {
    return 0;
  }

  const code = character.charCodeAt(0);
  if (code >= 0x30 && code <= 0x39) {
    return code - 0x30;
  }

  if (code >= 0x41 && code <= 0x5a) {
    return code - 0x41 + 10;
  }

  throw new MrzError(
    'MRZ_UNSUPPORTED_CHARACTER',
    `character "${character}" cannot appear in an MRZ field "${field}"`,
    {
      character,
    },
  );
}

/**
 * Computes the ICAO 9303 check digit of an MRZ field: each character's value ('<' = 0, digits
 * as is, A-Z = 10-35) times the weights 7, 3, 1 in turn, summed, modulo 10.
 */
export function mrzCheckDigit(field: string): string {
  let sum = 0;
  for (let index = 0; index < field.length; index++) {
    sum += characterValue(field[index]!, field) * WEIGHTS[index % WEIGHTS.length]!;
  }

  return String(sum % 10);
}
