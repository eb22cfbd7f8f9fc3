import { ApduError } from './apdu-error';
import { commandApdu, decodeCommandApdu, encodeCommandApdu } from './command-apdu';

const hex = (value: string) => Buffer.from(value.replace(/ /g, ''), 'hex');

describe('command APDU', () => {
  const cases: Array<[string, string, { data: string; ne: number }]> = [
    ['case 1', '00 A4 04 00', { data: '', ne: 0 }],
    ['case 2S', '00 B0 00 10 20', { data: '', ne: 0x20 }],
    ['case 2S Le 00', '00 B0 00 00 00', { data: '', ne: 256 }],
    ['case 3S', '00 D6 00 00 03 010203', { data: '010203', ne: 0 }],
    ['case 4S', '00 A4 04 00 02 0102 00', { data: '0102', ne: 256 }],
    ['case 2E', '00 B0 00 00 00 0400', { data: '', ne: 1024 }],
    ['case 2E Le 0000', '00 B0 00 00 00 0000', { data: '', ne: 65536 }],
    ['case 3E', '00 D6 00 00 00 0002 0A0B', { data: '0a0b', ne: 0 }],
    ['case 4E', '00 D6 00 00 00 0002 0A0B 0100', { data: '0a0b', ne: 256 }],
  ];

  it.each(cases)('decodes %s', (_name, bytes, expected) => {
    const command = decodeCommandApdu(hex(bytes));

    expect(command.data.toString('hex')).toBe(expected.data);
    expect(command.ne).toBe(expected.ne);
  });

  it.each(cases.filter(([name]) => !name.includes('E')))('round-trips %s', (_name, bytes) => {
    expect(encodeCommandApdu(decodeCommandApdu(hex(bytes)))).toEqual(hex(bytes));
  });

  it.each(cases.filter(([name]) => name.includes('E')))(
    'round-trips extended %s',
    (_name, bytes) => {
      expect(encodeCommandApdu(decodeCommandApdu(hex(bytes)), { extended: true })).toEqual(
        hex(bytes),
      );
    },
  );

  it('switches to extended length for long data', () => {
    const command = commandApdu({ cla: 0, ins: 0xd6, p1: 0, p2: 0, data: Buffer.alloc(300, 1) });
    const encoded = encodeCommandApdu(command);

    expect(encoded.subarray(4, 7)).toEqual(hex('00 012C'));
    expect(encoded.length).toBe(7 + 300);
  });

  it('switches to extended length for Ne above 256', () => {
    const encoded = encodeCommandApdu(commandApdu({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 257 }));

    expect(encoded).toEqual(hex('00 B0 00 00 00 0101'));
  });

  it.each([
    ['header only partly', '00 A4 04'],
    ['Lc longer than data', '00 D6 00 00 05 0102'],
    ['data longer than Lc', '00 D6 00 00 01 010203'],
    ['extended Lc zero', '00 D6 00 00 00 0000 01'],
    ['extended length truncated', '00 B0 00 00 00 01'],
    ['extended Lc mismatch', '00 D6 00 00 00 0003 0102'],
  ])('rejects %s', (_name, bytes) => {
    expect(() => decodeCommandApdu(hex(bytes))).toThrow(
      expect.objectContaining({ code: 'APDU_MALFORMED' }) as unknown as Error,
    );
  });

  it('rejects a CLA above one byte', () => {
    const build = () => commandApdu({ cla: 0x100, ins: 0, p1: 0, p2: 0 });

    expect(build).toThrow(ApduError);
    expect(build).toThrow(/cla must be a byte/);
  });

  it('rejects Ne above 65536', () => {
    expect(() => commandApdu({ cla: 0, ins: 0, p1: 0, p2: 0, ne: 65537 })).toThrow(/ne must be/);
  });
});
