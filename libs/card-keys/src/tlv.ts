import { CardKeyError } from './errors';

/**
 * A minimal BER-TLV codec for the certificates: one- or two-byte tags (written as numbers such as
 * 0x7f21) and definite lengths up to 0xffff. The card library has a full codec, but shared
 * libraries may not depend on it.
 */
export interface Tlv {
  tag: number;
  value: Buffer;
}

function tagBytes(tag: number): Buffer {
  return tag > 0xff ? Buffer.from([tag >> 8, tag & 0xff]) : Buffer.from([tag]);
}

function lengthBytes(length: number): Buffer {
  if (length < 0x80) {
    return Buffer.from([length]);
  }

  if (length <= 0xff) {
    return Buffer.from([0x81, length]);
  }

  return Buffer.from([0x82, length >> 8, length & 0xff]);
}

export function encodeTlv(tag: number, value: Uint8Array | Uint8Array[]): Buffer {
  const content = Array.isArray(value) ? Buffer.concat(value) : Buffer.from(value);

  if (content.length > 0xffff) {
    throw new CardKeyError('INVALID_ARGUMENT', `TLV value of ${content.length} bytes is too long`);
  }

  return Buffer.concat([tagBytes(tag), lengthBytes(content.length), content]);
}

function malformed(message: string): CardKeyError {
  return new CardKeyError('CERTIFICATE_MALFORMED', message);
}

function readTag(bytes: Buffer, offset: number): { next: number; tag: number } {
  const first = bytes[offset];

  if (first === undefined) {
    throw malformed(`TLV tag missing at offset ${offset}`);
  }

  if ((first & 0x1f) !== 0x1f) {
    return { next: offset + 1, tag: first };
  }

  const second = bytes[offset + 1];

  if (second === undefined || (second & 0x80) !== 0) {
    throw malformed(`TLV tag at offset ${offset} is truncated or longer than two bytes`);
  }

  return { next: offset + 2, tag: (first << 8) | second };
}

function readLength(bytes: Buffer, offset: number): { length: number; next: number } {
  const first = bytes[offset];

  if (first === undefined) {
    throw malformed(`TLV length missing at offset ${offset}`);
  }

  if (first < 0x80) {
    return { length: first, next: offset + 1 };
  }

  const count = first & 0x7f;

  if (count < 1 || count > 2 || offset + count >= bytes.length) {
    throw malformed(`TLV length at offset ${offset} is invalid`);
  }

  return { length: bytes.readUIntBE(offset + 1, count), next: offset + 1 + count };
}

/** Decodes consecutive TLVs that must fill `bytes` exactly. */
export function decodeTlvSequence(bytes: Buffer): Tlv[] {
  const items: Tlv[] = [];
  let offset = 0;

  while (offset < bytes.length) {
    const tag = readTag(bytes, offset);
    const length = readLength(bytes, tag.next);
    const end = length.next + length.length;

    if (end > bytes.length) {
      throw malformed(`TLV ${tag.tag.toString(16)} runs past the end of its container`);
    }

    items.push({ tag: tag.tag, value: bytes.subarray(length.next, end) });
    offset = end;
  }

  return items;
}

/** Decodes exactly one TLV with the expected tag that fills `bytes`. */
export function decodeSingleTlv(bytes: Buffer, tag: number): Tlv {
  const items = decodeTlvSequence(bytes);

  if (items.length !== 1 || items[0]!.tag !== tag) {
    throw malformed(`expected one TLV with tag ${tag.toString(16)}`);
  }

  return items[0]!;
}
