/**
 * vpcd wire format: every message is a 2-byte big-endian length, then the payload. One-byte
 * payloads from vpcd are control messages; longer ones are command APDUs.
 */
export const VpcdControl = {
  POWER_OFF: 0x00,
  POWER_ON: 0x01,
  RESET: 0x02,
  /** The only control message that needs a reply: a frame holding the ATR. */
  GET_ATR: 0x04,
} as const;

export const MAX_VPCD_PAYLOAD = 0xffff;

export function encodeVpcdFrame(payload: Buffer): Buffer {
  if (payload.length > MAX_VPCD_PAYLOAD) {
    throw new RangeError(
      `vpcd payload is ${payload.length} bytes, the maximum is ${MAX_VPCD_PAYLOAD}`,
    );
  }

  const header = Buffer.alloc(2);
  header.writeUInt16BE(payload.length);

  return Buffer.concat([header, payload]);
}

/** Splits a TCP byte stream into vpcd payloads, keeping partial frames between chunks. */
export class VpcdFrameDecoder {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Buffer[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: Buffer[] = [];
    while (this.pending.length >= 2) {
      const length = this.pending.readUInt16BE(0);
      if (this.pending.length < 2 + length) {
        break;
      }

      frames.push(Buffer.from(this.pending.subarray(2, 2 + length)));
      this.pending = this.pending.subarray(2 + length);
    }

    return frames;
  }
}
