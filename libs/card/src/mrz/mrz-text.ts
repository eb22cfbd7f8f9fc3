import { MrzError } from './mrz-error';

/** Latin letters without a decomposition into base letter plus accent (ICAO 9303 Part 3, 6.A). */
const LATIN_SPECIAL: Readonly<Record<string, string>> = {
  Æ: 'AE',
  Ð: 'D',
  Ø: 'OE',
  Þ: 'TH',
  ß: 'SS',
  Œ: 'OE',
  Ł: 'L',
  Đ: 'D',
  Ħ: 'H',
  Ŧ: 'T',
  Ŀ: 'L',
  ı: 'I',
};

/** German umlauts that ICAO transliterates with an added E. */
const UMLAUTS: Readonly<Record<string, string>> = { Ä: 'AE', Ö: 'OE', Ü: 'UE' };

/**
 * Converts a Latin-script name to MRZ characters: accents dropped, letters upper-cased, spaces
 * and hyphens as '<', apostrophes and periods left out. Any other character is an error.
 */
export function latinToMrz(name: string): string {
  let output = '';
  for (const character of name.toUpperCase()) {
    output += latinCharacterToMrz(character, name);
  }

  return output.replace(/<+/g, '<').replace(/^<|<$/g, '');
}

function latinCharacterToMrz(character: string, name: string): string {
  if (/^[A-Z]$/.test(character)) {
    return character;
  }

  if (character === ' ' || character === '-' || character === ',') {
    return '<';
  }

  if (character === "'" || character === '.' || character === '\u2019') {
    return '';
  }

  const mapped =
    UMLAUTS[character] ?? LATIN_SPECIAL[character] ?? LATIN_SPECIAL[character.toLowerCase()];
  if (mapped !== undefined) {
    return mapped;
  }

  const base = character.normalize('NFD').replace(/\p{Mn}/gu, '');
  if (/^[A-Z]$/.test(base)) {
    return base;
  }

  throw new MrzError(
    'MRZ_UNSUPPORTED_CHARACTER',
    `name "${name}" has character "${character}" with no MRZ form`,
    {
      character,
    },
  );
}

/** Pads `value` with '<' to `length`, or throws when it is longer. */
export function padField(value: string, length: number, field: string): string {
  if (value.length > length) {
    throw new MrzError(
      'MRZ_FIELD_TOO_LONG',
      `${field} "${value}" is longer than ${length} characters`,
      {
        field,
        value,
      },
    );
  }

  if (!/^[A-Z0-9<]*$/.test(value)) {
    throw new MrzError('MRZ_INVALID_FIELD', `${field} "${value}" may hold only A-Z, 0-9 and <`, {
      field,
      value,
    });
  }

  return value.padEnd(length, '<');
}
