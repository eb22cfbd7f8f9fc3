import { TlvError } from './tlv-error';
import { MAX_TAG_BYTES, TlvNode } from './tlv-node';

/** Deepest nesting of constructed objects accepted, a guard against crafted input. */
export const MAX_TLV_DEPTH = 16;

interface Cursor {
  bytes: Buffer;
  /** Absolute offset of `bytes[0]` in the buffer given by the caller, for error messages. */
  base: number;
}

interface Decoded {
  node: TlvNode;
  end: number;
}

function readTag(
  cursor: Cursor,
  start: number,
): { tag: number; constructed: boolean; next: number } {
  const { bytes, base } = cursor;
  const first = bytes[start];
  if (first === undefined) {
    throw new TlvError('TLV_TRUNCATED', 'tag expected but input ended', base + start);
  }

  const constructed = (first & 0x20) !== 0;
  if ((first & 0x1f) !== 0x1f) {
    return { tag: first, constructed, next: start + 1 };
  }

  let tag = first;
  let tagNumber = 0;
  let index = start + 1;
  for (;;) {
    const byte = bytes[index];
    if (byte === undefined) {
      throw new TlvError('TLV_TRUNCATED', 'tag continues past the end of input', base + index);
    }

    if (index === start + 1 && (byte & 0x7f) === 0) {
      throw new TlvError('TLV_TAG_NOT_MINIMAL', 'tag number has leading zero bits', base + index);
    }

    if (index - start + 1 > MAX_TAG_BYTES) {
      throw new TlvError(
        'TLV_TAG_TOO_LONG',
        `tag is longer than ${MAX_TAG_BYTES} bytes`,
        base + start,
      );
    }

    tag = tag * 256 + byte;
    tagNumber = tagNumber * 128 + (byte & 0x7f);
    index++;
    if ((byte & 0x80) === 0) {
      break;
    }
  }

  // ISO/IEC 7816-4, 5.2.2.1: a second tag byte of 00 to 1E or 80 is invalid, because such
  // tag numbers fit the one-byte form.
  if (tagNumber < 0x1f) {
    throw new TlvError(
      'TLV_TAG_NOT_MINIMAL',
      `tag number ${tagNumber} fits in one byte`,
      base + start,
    );
  }

  return { tag, constructed, next: index };
}

function readLength(cursor: Cursor, start: number): { length: number; next: number } {
  const { bytes, base } = cursor;
  const first = bytes[start];
  if (first === undefined) {
    throw new TlvError('TLV_TRUNCATED', 'length expected but input ended', base + start);
  }

  if (first < 0x80) {
    return { length: first, next: start + 1 };
  }

  if (first === 0x80) {
    throw new TlvError('TLV_INDEFINITE_LENGTH', 'indefinite length is not allowed', base + start);
  }

  const count = first & 0x7f;
  if (count > 4) {
    throw new TlvError('TLV_LENGTH_TOO_LONG', `length field of ${count} bytes`, base + start);
  }

  if (start + 1 + count > bytes.length) {
    throw new TlvError('TLV_TRUNCATED', 'length field continues past the end', base + start);
  }

  const length = bytes.readUIntBE(start + 1, count);
  if (length < 0x80 || bytes[start + 1] === 0) {
    throw new TlvError(
      'TLV_LENGTH_NOT_MINIMAL',
      `length ${length} has a longer form than needed`,
      base + start,
    );
  }

  return { length, next: start + 1 + count };
}

function decodeAt(cursor: Cursor, start: number, depth: number): Decoded {
  if (depth > MAX_TLV_DEPTH) {
    throw new TlvError(
      'TLV_NESTING_TOO_DEEP',
      `nesting deeper than ${MAX_TLV_DEPTH}`,
      cursor.base + start,
    );
  }

  const { tag, constructed, next } = readTag(cursor, start);
  const { length, next: valueStart } = readLength(cursor, next);
  const end = valueStart + length;
  if (end > cursor.bytes.length) {
    throw new TlvError(
      'TLV_TRUNCATED',
      `value of ${length} bytes runs ${end - cursor.bytes.length} bytes past the end`,
      cursor.base + valueStart,
    );
  }

  const value = Buffer.from(cursor.bytes.subarray(valueStart, end));
  if (!constructed) {
    return { node: { tag, value }, end };
  }

  const children = decodeAll({ bytes: value, base: cursor.base + valueStart }, depth + 1);

  return { node: { tag, value, children }, end };
}

function decodeAll(cursor: Cursor, depth: number): TlvNode[] {
  const nodes: TlvNode[] = [];
  let offset = 0;
  while (offset < cursor.bytes.length) {
    const decoded = decodeAt(cursor, offset, depth);
    nodes.push(decoded.node);
    offset = decoded.end;
  }

  return nodes;
}

/** Decodes a buffer that must hold data objects and nothing else. */
export function decodeTlvSequence(input: Buffer | Uint8Array): TlvNode[] {
  return decodeAll({ bytes: Buffer.from(input), base: 0 }, 0);
}

/** Decodes a buffer that must hold exactly one data object. */
export function decodeTlv(input: Buffer | Uint8Array): TlvNode {
  const bytes = Buffer.from(input);
  const { node, end } = decodeAt({ bytes, base: 0 }, 0, 0);
  if (end !== bytes.length) {
    throw new TlvError(
      'TLV_TRAILING_BYTES',
      `${bytes.length - end} bytes follow the data object`,
      end,
    );
  }

  return node;
}

/**
 * Decodes the first data object of a buffer and returns it with its encoded length, for
 * files that hold one object followed by unwritten space.
 */
export function decodeTlvPrefix(input: Buffer | Uint8Array): { node: TlvNode; length: number } {
  const { node, end } = decodeAt({ bytes: Buffer.from(input), base: 0 }, 0, 0);

  return { node, length: end };
}

/**
 * Returns the total encoded length (tag, length and value) of the data object at the start of
 * `input`. Only its tag and length fields are read, so the value may be cut off.
 */
export function encodedTlvLength(input: Buffer | Uint8Array): number {
  const cursor = { bytes: Buffer.from(input), base: 0 };
  const { next } = readTag(cursor, 0);
  const { length, next: valueStart } = readLength(cursor, next);

  return valueStart + length;
}
