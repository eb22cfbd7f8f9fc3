/** Instructions of the security commands (ISO/IEC 7816-4). */
export const SecurityIns = {
  /** MUTUAL AUTHENTICATE shares INS 82 with EXTERNAL AUTHENTICATE. */
  MUTUAL_AUTHENTICATE: 0x82,
  INTERNAL_AUTHENTICATE: 0x88,
} as const;

/**
 * CLA bit b3 (04) marks a command sent through the secure channel, the ISO/IEC 7816-4 "proprietary
 * secure messaging" indication: 04 for interindustry commands and 84 for proprietary ones.
 */
export const SECURE_MESSAGING_CLA_BIT = 0x04;

/** Bytes of the command and response MACs sent on the wire (the first half of the AES-CMAC). */
export const SECURE_MAC_LENGTH = 8;

/** Bytes of each challenge: the card's from GET CHALLENGE and the host's in MUTUAL AUTHENTICATE. */
export const AUTH_CHALLENGE_LENGTH = 8;

/** Bytes of a host or card cryptogram. */
export const CRYPTOGRAM_LENGTH = 8;

/** Wrong host cryptograms in a row after which MUTUAL AUTHENTICATE is blocked (6983). */
export const MAX_AUTHENTICATION_FAILURES = 3;

/** Largest response data of one secure command, so data and MAC fit a short Le of 256. */
export const SECURE_MAX_RESPONSE_DATA = 256 - SECURE_MAC_LENGTH;

/** Largest plain command data of one secure command: padded, it plus the MAC fits 255 bytes. */
export const SECURE_MAX_COMMAND_DATA = 239;

/** Host challenge bytes of INTERNAL AUTHENTICATE; transaction data follows them. */
export const SIGNATURE_CHALLENGE_LENGTH = 8;

/** Largest transaction data that INTERNAL AUTHENTICATE signs. */
export const MAX_TRANSACTION_DATA = 200;

/** Highest transaction counter; the card refuses to sign once it is reached. */
export const MAX_TRANSACTION_COUNTER = 0xffffffff;
