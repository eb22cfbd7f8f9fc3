import { TlvError } from './tlv-error';
import { formatTag, isConstructedTag, tagBytes, TlvNode } from './tlv-node';

/** Largest value length written: four length bytes after 84. */
const MAX_LENGTH = 0xffffffff;

/** Encodes a length field in its shortest definite form (X.690 8.1.3). */
export function encodeLength(length: number): Buffer {
  if (!Number.isInteger(length) || length < 0 || length > MAX_LENGTH) {
    throw new TlvError('TLV_VALUE_TOO_LONG', `length ${length} cannot be encoded`);
  }

  if (length < 0x80) {
    return Buffer.from([length]);
  }

  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) {
    bytes.unshift(rest & 0xff);
  }

  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/**
 * Encodes one data object. A constructed object with `children` is encoded from them;
 * without children its `value` is written as is.
 */
export function encodeTlv(node: TlvNode): Buffer {
  const tag = tagBytes(node.tag);
  const constructedTag = isConstructedTag(node.tag);
  if (node.children !== undefined && !constructedTag) {
    throw new TlvError(
      'TLV_INVALID_TAG',
      `primitive tag ${formatTag(node.tag)} cannot have children`,
    );
  }

  const value =
    node.children === undefined ? node.value : Buffer.concat(node.children.map(encodeTlv));

  return Buffer.concat([tag, encodeLength(value.length), value]);
}

/** Encodes data objects one after another. */
export function encodeTlvSequence(nodes: readonly TlvNode[]): Buffer {
  return Buffer.concat(nodes.map(encodeTlv));
}
