import { sampleHolder } from '../../test/support/sample-holder';
import { decodeTlv } from '../tlv/tlv-decoder';
import { encodeTlv } from '../tlv/tlv-encoder';
import { primitive } from '../tlv/tlv-node';
import { requireChild } from '../tlv/tlv-query';
import { decodeHolderData, encodeHolderData, HolderTag } from './holder-data-codec';

function padded(encoded: Buffer): Buffer {
  return Buffer.concat([encoded, Buffer.alloc(1024 - encoded.length)]);
}

describe('holder data codec', () => {
  it('round-trips through a padded file', () => {
    const holder = sampleHolder();

    expect(decodeHolderData(padded(encodeHolderData(holder)))).toEqual(holder);
  });

  it('round-trips without optional name parts', () => {
    const holder = sampleHolder({
      arabicName: { given: 'رشا', family: 'الحلبي' },
      latinName: { given: 'Rasha', family: 'Al-Halabi' },
    });

    expect(decodeHolderData(padded(encodeHolderData(holder)))).toEqual(holder);
  });

  it('stores names as UTF-8 under the tag table', () => {
    const template = decodeTlv(encodeHolderData(sampleHolder()));
    const arabic = requireChild(template, HolderTag.ARABIC_NAME);

    expect(requireChild(arabic, HolderTag.FAMILY_NAME).value.toString('utf8')).toBe('الحلبي');
    expect(requireChild(template, HolderTag.BIRTH_DATE).value.toString()).toBe('19900115');
    expect(requireChild(template, HolderTag.FORMAT_VERSION).value).toEqual(Buffer.from([1]));
  });

  it.each([
    ['national number', { nationalNumber: '123' }, 'nationalNumber'],
    ['birth date', { birthDate: '1990-02-30' }, 'birthDate'],
    ['governorate', { governoratePcode: 'SY15' }, 'governoratePcode'],
    ['Latin name', { latinName: { given: 'رشا', family: 'X' } }, 'latinName.given'],
  ])('rejects an invalid %s', (_field, override, path) => {
    const encode = () => encodeHolderData(sampleHolder(override));

    expect(encode).toThrow(
      expect.objectContaining({ code: 'HOLDER_DATA_INVALID' }) as unknown as Error,
    );
    expect(encode).toThrow(path);
  });

  it('rejects bytes after the template', () => {
    const content = padded(encodeHolderData(sampleHolder()));
    content[content.length - 1] = 0x01;

    expect(() => decodeHolderData(content)).toThrow(/are not 00/);
  });

  it('rejects an unknown format version', () => {
    const encoded = encodeHolderData(sampleHolder());
    const template = decodeTlv(encoded);
    template.children = template.children!.map((child) =>
      child.tag === HolderTag.FORMAT_VERSION
        ? primitive(HolderTag.FORMAT_VERSION, Buffer.from([9]))
        : child,
    );

    expect(() => decodeHolderData(encodeTlv(template))).toThrow(/format version 09 is unknown/);
  });

  it('rejects a blank file', () => {
    expect(() => decodeHolderData(Buffer.alloc(1024))).toThrow(
      expect.objectContaining({ code: 'HOLDER_DATA_UNREADABLE' }) as unknown as Error,
    );
  });
});
