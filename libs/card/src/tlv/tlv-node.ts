import { TlvError } from './tlv-error';

/**
 * One BER-TLV data object. `tag` is the tag field read as a big-endian number (for example
 * 0x5F20 or 0xDF8101). A constructed object carries its decoded `children`; its `value` is
 * the raw contents either way.
 */
export interface TlvNode {
  tag: number;
  value: Buffer;
  children?: TlvNode[];
}

/** Largest tag field accepted: three bytes, which covers tag numbers up to 16383. */
export const MAX_TAG_BYTES = 3;

/** Returns the tag field bytes of `tag`, checking that they form one valid BER tag. */
export function tagBytes(tag: number): Buffer {
  if (!Number.isInteger(tag) || tag <= 0 || tag > 0xffffff) {
    throw new TlvError('TLV_INVALID_TAG', `tag ${tag} is not a 1 to ${MAX_TAG_BYTES} byte tag`);
  }

  const bytes: number[] = [];
  for (let rest = tag; rest > 0; rest = Math.floor(rest / 256)) {
    bytes.unshift(rest & 0xff);
  }

  assertTagShape(Buffer.from(bytes), tag);

  return Buffer.from(bytes);
}

function assertTagShape(bytes: Buffer, tag: number): void {
  const hex = tag.toString(16).toUpperCase();
  const multiByte = (bytes[0]! & 0x1f) === 0x1f;
  if (!multiByte) {
    if (bytes.length !== 1) {
      throw new TlvError(
        'TLV_INVALID_TAG',
        `tag ${hex}: a first byte without 1F in b5-b1 stands alone`,
      );
    }

    return;
  }

  if (bytes.length === 1) {
    throw new TlvError('TLV_INVALID_TAG', `tag ${hex}: first byte announces subsequent bytes`);
  }

  for (let index = 1; index < bytes.length; index++) {
    const last = index === bytes.length - 1;
    const continues = (bytes[index]! & 0x80) !== 0;
    if (continues === last) {
      throw new TlvError('TLV_INVALID_TAG', `tag ${hex}: b8 of byte ${index + 1} is wrong`);
    }
  }
}

/** Returns true when bit 6 of the tag's first byte marks a constructed data object. */
export function isConstructedTag(tag: number): boolean {
  const first = tagBytes(tag)[0]!;

  return (first & 0x20) !== 0;
}

export function formatTag(tag: number): string {
  return tag.toString(16).toUpperCase().padStart(2, '0');
}

/** Builds a primitive data object; a string value is encoded as UTF-8. */
export function primitive(tag: number, value: Buffer | string): TlvNode {
  if (isConstructedTag(tag)) {
    throw new TlvError(
      'TLV_INVALID_TAG',
      `tag ${formatTag(tag)} is constructed, use constructed()`,
    );
  }

  return {
    tag,
    value: typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value),
  };
}

/** Builds a constructed data object from its children. */
export function constructed(tag: number, children: TlvNode[]): TlvNode {
  if (!isConstructedTag(tag)) {
    throw new TlvError('TLV_INVALID_TAG', `tag ${formatTag(tag)} is primitive, use primitive()`);
  }

  return { tag, value: Buffer.alloc(0), children };
}
