import { encodeVpcdFrame, VpcdFrameDecoder } from './vpcd-framing';

describe('vpcd framing', () => {
  it('prefixes a big-endian length', () => {
    expect(encodeVpcdFrame(Buffer.from([0x90, 0x00]))).toEqual(Buffer.from('00029000', 'hex'));
  });

  it('reassembles frames split across chunks', () => {
    const decoder = new VpcdFrameDecoder();
    const stream = Buffer.concat([
      encodeVpcdFrame(Buffer.from([0x04])),
      encodeVpcdFrame(Buffer.from('00a4040008', 'hex')),
    ]);

    expect(decoder.push(stream.subarray(0, 1))).toEqual([]);
    expect(decoder.push(stream.subarray(1, 5))).toEqual([Buffer.from([0x04])]);
    expect(decoder.push(stream.subarray(5))).toEqual([Buffer.from('00a4040008', 'hex')]);
  });

  it('returns several frames from one chunk', () => {
    const decoder = new VpcdFrameDecoder();
    const stream = Buffer.concat([
      encodeVpcdFrame(Buffer.from([0x01])),
      encodeVpcdFrame(Buffer.from([0x04])),
    ]);

    expect(decoder.push(stream)).toEqual([Buffer.from([0x01]), Buffer.from([0x04])]);
  });

  it('rejects payloads above 65535 bytes', () => {
    expect(() => encodeVpcdFrame(Buffer.alloc(65536))).toThrow(RangeError);
  });
});
