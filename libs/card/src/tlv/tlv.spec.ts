import { decodeTlv, decodeTlvPrefix, decodeTlvSequence, MAX_TLV_DEPTH } from './tlv-decoder';
import { encodeLength, encodeTlv } from './tlv-encoder';
import { TlvError } from './tlv-error';
import { constructed, isConstructedTag, primitive, tagBytes } from './tlv-node';
import { requireChild } from './tlv-query';

const hex = (value: string) => Buffer.from(value.replace(/ /g, ''), 'hex');

function decodeError(bytes: string): TlvError {
  try {
    decodeTlvSequence(hex(bytes));
  } catch (error) {
    if (error instanceof TlvError) {
      return error;
    }

    throw error;
  }

  throw new Error(`decoding ${bytes} succeeded`);
}

describe('BER-TLV codec', () => {
  it('decodes a one-byte tag with short length', () => {
    const node = decodeTlv(hex('84 03 010203'));

    expect(node.tag).toBe(0x84);
    expect(node.value).toEqual(hex('010203'));
    expect(node.children).toBeUndefined();
  });

  it.each([
    ['5F20 01 41', 0x5f20],
    ['DF20 01 01', 0xdf20],
    ['9F8101 01 00', 0x9f8101],
  ])('decodes multi-byte tag %s', (bytes, tag) => {
    expect(decodeTlv(hex(bytes)).tag).toBe(tag);
  });

  it.each([
    [127, '7F'],
    [128, '8180'],
    [255, '81FF'],
    [256, '820100'],
    [65536, '83010000'],
  ])('encodes length %i as %s', (length, bytes) => {
    expect(encodeLength(length).toString('hex').toUpperCase()).toBe(bytes);
  });

  it('decodes long-form lengths', () => {
    const value = Buffer.alloc(300, 0xab);
    const node = decodeTlv(Buffer.concat([hex('C1 82 012C'), value]));

    expect(node.value).toEqual(value);
  });

  it('decodes nested constructed objects', () => {
    const node = decodeTlv(hex('E1 0A C1 02 3132 E2 04 C4 02 4142'));
    const name = requireChild(node, 0xe2);

    expect(node.children).toHaveLength(2);
    expect(requireChild(name, 0xc4).value.toString()).toBe('AB');
  });

  it('round-trips a template', () => {
    const template = constructed(0xe1, [
      primitive(0xdf20, Buffer.from([1])),
      primitive(0xc1, 'نص عربي'),
      constructed(0xe2, [primitive(0xc4, Buffer.alloc(200, 0x41))]),
    ]);
    const decoded = decodeTlv(encodeTlv(template));

    expect(encodeTlv(decoded)).toEqual(encodeTlv(template));
    expect(requireChild(decoded, 0xc1).value.toString('utf8')).toBe('نص عربي');
  });

  it('decodes a sequence of objects', () => {
    expect(decodeTlvSequence(hex('C1 01 01 C2 00 C3 01 03')).map((node) => node.tag)).toEqual([
      0xc1, 0xc2, 0xc3,
    ]);
  });

  it('decodes a prefix and reports its length', () => {
    const { node, length } = decodeTlvPrefix(hex('C1 01 01 0000 0000'));

    expect(node.tag).toBe(0xc1);
    expect(length).toBe(3);
  });

  it('reads the constructed bit from the tag', () => {
    expect(isConstructedTag(0xe1)).toBe(true);
    expect(isConstructedTag(0xdf20)).toBe(false);
    expect(isConstructedTag(0x7f61)).toBe(true);
  });

  it.each([
    ['value past the end', 'C1 05 0102', 'TLV_TRUNCATED', 2],
    ['missing length', 'C1', 'TLV_TRUNCATED', 1],
    ['tag continues past the end', '5F', 'TLV_TRUNCATED', 1],
    ['long length truncated', 'C1 82 01', 'TLV_TRUNCATED', 1],
    ['indefinite length', 'E1 80 0000', 'TLV_INDEFINITE_LENGTH', 1],
    ['five length bytes', 'C1 85 0000000001 00', 'TLV_LENGTH_TOO_LONG', 1],
    ['81 with a short length', 'C1 81 05 0102030405', 'TLV_LENGTH_NOT_MINIMAL', 1],
    ['82 with a leading zero', 'C1 82 0080', 'TLV_LENGTH_NOT_MINIMAL', 1],
    ['tag with leading zero bits', '1F 80 01 00', 'TLV_TAG_NOT_MINIMAL', 1],
    ['two-byte tag for number 30', '1F 1E 00', 'TLV_TAG_NOT_MINIMAL', 0],
    ['four-byte tag', '5F 81 81 01 00', 'TLV_TAG_TOO_LONG', 0],
    ['child past its parent', 'E1 03 C1 05 01', 'TLV_TRUNCATED', 4],
    ['second object truncated', 'C1 01 01 C2 02 01', 'TLV_TRUNCATED', 5],
  ])('rejects %s', (_name, bytes, code, offset) => {
    const error = decodeError(bytes);

    expect(error.code).toBe(code);
    expect(error.offset).toBe(offset);
  });

  it('rejects trailing bytes after a single object', () => {
    expect(() => decodeTlv(hex('C1 01 01 00'))).toThrow(
      expect.objectContaining({ code: 'TLV_TRAILING_BYTES', offset: 3 }) as unknown as Error,
    );
  });

  it('rejects nesting deeper than the limit', () => {
    let bytes: Buffer = hex('C1 00');
    for (let depth = 0; depth <= MAX_TLV_DEPTH; depth++) {
      bytes = encodeTlv({ tag: 0xe1, value: bytes });
    }

    expect(() => decodeTlv(bytes)).toThrow(
      expect.objectContaining({ code: 'TLV_NESTING_TOO_DEEP' }) as unknown as Error,
    );
  });

  it.each([
    [0, 'zero'],
    [0x1f, 'announcing bytes that are missing'],
    [0xc1c2, 'one-byte tag with a second byte'],
    [0x5f8101 * 256, 'four bytes'],
    [0x5f8181, 'last byte with b8 set'],
  ])('rejects tag %s when encoding (%s)', (tag) => {
    expect(() => tagBytes(tag)).toThrow(TlvError);
  });

  it('rejects children on a primitive tag', () => {
    expect(() => encodeTlv({ tag: 0xc1, value: Buffer.alloc(0), children: [] })).toThrow(
      /cannot have children/,
    );
  });

  it('primitive() rejects a constructed tag', () => {
    expect(() => primitive(0xe1, 'x')).toThrow(/is constructed/);
  });
});
