/** ISO/IEC 7816-4 status words that this card application and its terminal code use. */
export const StatusWord = {
  SUCCESS: 0x9000,
  END_OF_FILE_REACHED: 0x6282,
  WRONG_LENGTH: 0x6700,
  SECURITY_STATUS_NOT_SATISFIED: 0x6982,
  AUTHENTICATION_METHOD_BLOCKED: 0x6983,
  CONDITIONS_OF_USE_NOT_SATISFIED: 0x6985,
  COMMAND_NOT_ALLOWED_NO_CURRENT_EF: 0x6986,
  SECURE_MESSAGING_DATA_MISSING: 0x6987,
  SECURE_MESSAGING_DATA_INCORRECT: 0x6988,
  WRONG_DATA: 0x6a80,
  REFERENCED_DATA_NOT_FOUND: 0x6a88,
  FILE_NOT_FOUND: 0x6a82,
  INCORRECT_P1P2: 0x6a86,
  WRONG_OFFSET: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
  NO_PRECISE_DIAGNOSIS: 0x6f00,
} as const;

export type StatusWordName = keyof typeof StatusWord;

/** SW1 of "61xx": SW2 bytes are still available through GET RESPONSE. */
export const SW1_BYTES_REMAINING = 0x61;

/** SW1 of "6Cxx": wrong Le, SW2 is the exact number of bytes available. */
export const SW1_WRONG_LE = 0x6c;

const NAMES_BY_VALUE = new Map<number, StatusWordName>(
  Object.entries(StatusWord).map(([name, value]) => [value, name as StatusWordName]),
);

/** Formats a status word as four uppercase hex digits, for example `6A82`. */
export function formatStatusWord(sw: number): string {
  return sw.toString(16).toUpperCase().padStart(4, '0');
}

/** Describes a status word for logs and error messages, for example `6A82 FILE_NOT_FOUND`. */
export function describeStatusWord(sw: number): string {
  const hex = formatStatusWord(sw);
  const name = NAMES_BY_VALUE.get(sw);
  if (name !== undefined) {
    return `${hex} ${name}`;
  }

  const sw1 = sw >> 8;
  if (sw1 === SW1_BYTES_REMAINING) {
    return `${hex} BYTES_REMAINING(${sw & 0xff})`;
  }

  if (sw1 === SW1_WRONG_LE) {
    return `${hex} WRONG_LE(${sw & 0xff})`;
  }

  return hex;
}
