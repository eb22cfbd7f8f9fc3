import type { ChipLifecycle } from '@bitaqa/contracts';

/**
 * Application identifier of the Bitaqa card application: proprietary RID category F0 (ISO/IEC
 * 7816-5 unregistered), then "BITAQA" in ASCII, then the application version 01.
 */
export const BITAQA_AID = Buffer.from([0xf0, 0x42, 0x49, 0x54, 0x41, 0x51, 0x41, 0x01]);

/** Historical bytes: category indicator 80, then compact-TLV 57 (issuer data, 7 bytes). */
const HISTORICAL_BYTES = Buffer.from([0x80, 0x57, 0x42, 0x49, 0x54, 0x41, 0x51, 0x41, 0x01]);

function buildAtr(): Buffer {
  // TS 3B is the direct convention. T0 announces TD1 and counts the historical bytes. TD1 80
  // offers T=0 and announces TD2, and TD2 01 offers T=1. TCK is required once T=1 is offered.
  const body = Buffer.concat([
    Buffer.from([0x80 | HISTORICAL_BYTES.length, 0x80, 0x01]),
    HISTORICAL_BYTES,
  ]);
  const tck = body.reduce((xor, byte) => xor ^ byte, 0);

  return Buffer.concat([Buffer.from([0x3b]), body, Buffer.from([tck])]);
}

/** Answer to reset of the emulated card. */
export const BITAQA_ATR = buildAtr();

export const Cla = {
  INTERINDUSTRY: 0x00,
  PROPRIETARY: 0x80,
} as const;

export const Ins = {
  SELECT: 0xa4,
  READ_BINARY: 0xb0,
  UPDATE_BINARY: 0xd6,
  GET_CHALLENGE: 0x84,
  GET_RESPONSE: 0xc0,
  GET_DATA: 0xca,
  FINALIZE_PERSONALIZATION: 0xf0,
  /** ISO/IEC 7816-9 life cycle commands, applied to the selected application. */
  DEACTIVATE_FILE: 0x04,
  ACTIVATE_FILE: 0x44,
  TERMINATE_CARD_USAGE: 0xfe,
} as const;

/** SELECT P1 values (ISO/IEC 7816-4 table 39). */
export const SelectP1 = {
  EF_UNDER_CURRENT_DF: 0x02,
  DF_NAME: 0x04,
} as const;

/** SELECT P2 values: what the card returns. */
export const SelectP2 = {
  FCI: 0x00,
  FCP: 0x04,
  NO_RESPONSE_DATA: 0x0c,
} as const;

/** Data objects that GET DATA (CLA 80, INS CA, P1P2 = tag) returns. */
export const DataObjectTag = {
  LIFECYCLE: 0xdf21,
  SERIAL: 0xdf22,
} as const;

/** Length of GET CHALLENGE's random number. */
export const CHALLENGE_LENGTH = 8;

/** Length of the card serial chosen when the blank card is made. */
export const SERIAL_LENGTH = 8;

/** Chip life cycle state; the authority's card statuses map onto it in `@bitaqa/contracts`. */
export type Lifecycle = ChipLifecycle;

/**
 * Byte that GET DATA returns for each lifecycle state, with ISO/IEC 7816-4 life cycle status
 * values: 01 creation, 05 and 07 operational activated (bit 2 tells a card the holder has not
 * used yet from an activated one), 04 operational deactivated, 0C termination.
 */
export const LIFECYCLE_CODES: Readonly<Record<Lifecycle, number>> = {
  blank: 0x01,
  personalized: 0x05,
  activated: 0x07,
  blocked: 0x04,
  terminated: 0x0c,
};

export function lifecycleFromCode(code: number): Lifecycle | undefined {
  const entry = Object.entries(LIFECYCLE_CODES).find(([, value]) => value === code);

  return entry?.[0] as Lifecycle | undefined;
}
