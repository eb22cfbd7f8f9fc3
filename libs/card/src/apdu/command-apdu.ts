import { ApduError } from './apdu-error';

/** Largest Nc and Ne of a short APDU (ISO/IEC 7816-4, 5.1). */
export const SHORT_MAX_DATA = 255;
export const SHORT_MAX_NE = 256;

/** Largest Nc and Ne of an extended APDU. */
export const EXTENDED_MAX_DATA = 65535;
export const EXTENDED_MAX_NE = 65536;

/**
 * A command APDU. `ne` is the maximum number of response data bytes expected: 0 when the Le
 * field is absent, 256 for a short Le of 00, 65536 for an extended Le of 0000.
 */
export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data: Buffer;
  ne: number;
}

export interface CommandApduInput {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data?: Buffer | Uint8Array | number[];
  ne?: number;
}

/** Builds a command APDU and checks every field range. */
export function commandApdu(input: CommandApduInput): CommandApdu {
  const command: CommandApdu = {
    cla: input.cla,
    ins: input.ins,
    p1: input.p1,
    p2: input.p2,
    data: Buffer.from(input.data ?? []),
    ne: input.ne ?? 0,
  };
  assertCommandFields(command);

  return command;
}

function assertCommandFields(command: CommandApdu): void {
  for (const field of ['cla', 'ins', 'p1', 'p2'] as const) {
    const value = command[field];
    if (!Number.isInteger(value) || value < 0 || value > 0xff) {
      throw new ApduError('APDU_FIELD_OUT_OF_RANGE', `${field} must be a byte, got ${value}`, {
        field,
        value,
      });
    }
  }

  if (command.data.length > EXTENDED_MAX_DATA) {
    throw new ApduError(
      'APDU_FIELD_OUT_OF_RANGE',
      `command data is ${command.data.length} bytes, the maximum is ${EXTENDED_MAX_DATA}`,
      { field: 'data', length: command.data.length },
    );
  }

  if (!Number.isInteger(command.ne) || command.ne < 0 || command.ne > EXTENDED_MAX_NE) {
    throw new ApduError(
      'APDU_FIELD_OUT_OF_RANGE',
      `ne must be an integer from 0 to ${EXTENDED_MAX_NE}, got ${command.ne}`,
      { field: 'ne', value: command.ne },
    );
  }
}

/** Returns true when the command needs the extended length encoding. */
export function needsExtendedLength(command: CommandApdu): boolean {
  return command.data.length > SHORT_MAX_DATA || command.ne > SHORT_MAX_NE;
}

/**
 * Encodes a command APDU. Short length fields are used unless the data or Ne exceed them or
 * `extended` is set.
 */
export function encodeCommandApdu(
  command: CommandApdu,
  options: { extended?: boolean } = {},
): Buffer {
  assertCommandFields(command);
  const header = Buffer.from([command.cla, command.ins, command.p1, command.p2]);
  const extended = options.extended === true || needsExtendedLength(command);
  const hasData = command.data.length > 0;
  const hasLe = command.ne > 0;

  if (!extended) {
    const lc = hasData ? Buffer.from([command.data.length]) : Buffer.alloc(0);
    const le = hasLe ? Buffer.from([command.ne & 0xff]) : Buffer.alloc(0);

    return Buffer.concat([header, lc, command.data, le]);
  }

  const lc = hasData
    ? Buffer.from([0x00, command.data.length >> 8, command.data.length & 0xff])
    : null;
  // An extended Le is two bytes, preceded by 00 when no extended Lc already introduced them.
  const neBytes = [(command.ne >> 8) & 0xff, command.ne & 0xff];
  const leBytes = lc === null ? [0x00, ...neBytes] : neBytes;
  const le = hasLe ? Buffer.from(leBytes) : Buffer.alloc(0);

  return Buffer.concat([header, lc ?? Buffer.alloc(0), command.data, le]);
}

function malformed(bytes: Buffer, reason: string): ApduError {
  return new ApduError(
    'APDU_MALFORMED',
    `malformed command APDU ${bytes.toString('hex')}: ${reason}`,
    {
      length: bytes.length,
    },
  );
}

/** Decodes a command APDU in any of the ISO/IEC 7816-3 cases 1, 2S/E, 3S/E and 4S/E. */
export function decodeCommandApdu(input: Buffer | Uint8Array): CommandApdu {
  const bytes = Buffer.from(input);
  if (bytes.length < 4) {
    throw malformed(bytes, 'shorter than the 4-byte header');
  }

  const [cla, ins, p1, p2] = [bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!];
  const body = bytes.subarray(4);
  const { data, ne } =
    body.length === 0 ? { data: Buffer.alloc(0), ne: 0 } : decodeBody(bytes, body);

  return { cla, ins, p1, p2, data: Buffer.from(data), ne };
}

function decodeBody(bytes: Buffer, body: Buffer): { data: Buffer; ne: number } {
  const first = body[0]!;
  if (body.length === 1) {
    return { data: Buffer.alloc(0), ne: first === 0 ? SHORT_MAX_NE : first };
  }

  if (first !== 0) {
    return decodeShortBody(bytes, body, first);
  }

  return decodeExtendedBody(bytes, body);
}

function decodeShortBody(bytes: Buffer, body: Buffer, lc: number): { data: Buffer; ne: number } {
  if (body.length === 1 + lc) {
    return { data: body.subarray(1), ne: 0 };
  }

  if (body.length === 2 + lc) {
    const le = body[1 + lc]!;

    return { data: body.subarray(1, 1 + lc), ne: le === 0 ? SHORT_MAX_NE : le };
  }

  throw malformed(bytes, `Lc is ${lc} but ${body.length - 1} bytes follow it`);
}

function decodeExtendedBody(bytes: Buffer, body: Buffer): { data: Buffer; ne: number } {
  if (body.length < 3) {
    throw malformed(bytes, 'extended length field is truncated');
  }

  const value = body.readUInt16BE(1);
  if (body.length === 3) {
    return { data: Buffer.alloc(0), ne: value === 0 ? EXTENDED_MAX_NE : value };
  }

  if (value === 0) {
    throw malformed(bytes, 'extended Lc is zero');
  }

  if (body.length === 3 + value) {
    return { data: body.subarray(3), ne: 0 };
  }

  if (body.length === 5 + value) {
    const le = body.readUInt16BE(3 + value);

    return { data: body.subarray(3, 3 + value), ne: le === 0 ? EXTENDED_MAX_NE : le };
  }

  throw malformed(bytes, `extended Lc is ${value} but ${body.length - 3} bytes follow it`);
}
