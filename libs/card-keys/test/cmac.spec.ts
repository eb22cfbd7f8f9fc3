import { aesCmac, cmacSubkeys, verifyAesCmac } from '../src';

// RFC 4493 section 4 test vectors: AES-128 key, subkeys and the four examples.
const KEY = Buffer.from('2b7e151628aed2a6abf7158809cf4f3c', 'hex');
const MESSAGE = Buffer.from(
  '6bc1bee22e409f96e93d7e117393172a' +
    'ae2d8a571e03ac9c9eb76fac45af8e51' +
    '30c81c46a35ce411e5fbc1191a0a52ef' +
    'f69f2445df4f9b17ad2b417be66c3710',
  'hex',
);

describe('aesCmac', () => {
  it.each([
    [0, 'bb1d6929e95937287fa37d129b756746'],
    [16, '070a16b46b4d4144f79bdd9dd04a287c'],
    [40, 'dfa66747de9ae63030ca32611497c827'],
    [64, '51f0bebf7e3b9d92fc49741779363cfe'],
  ])('RFC 4493 example of %i bytes', (length, tag) => {
    expect(aesCmac(KEY, MESSAGE.subarray(0, length)).toString('hex')).toBe(tag);
  });

  it('subkeys K1 and K2 of RFC 4493', () => {
    const { k1, k2 } = cmacSubkeys(KEY);

    expect(k1.toString('hex')).toBe('fbeed618357133667c85e08f7236a8de');
    expect(k2.toString('hex')).toBe('f7ddac306ae266ccf90bc11ee46d513b');
  });

  it('rejects a key of the wrong length', () => {
    expect(() => aesCmac(Buffer.alloc(24), MESSAGE)).toThrow(/16 bytes, got 24/);
  });
});

describe('verifyAesCmac', () => {
  const tag = Buffer.from('51f0bebf7e3b9d92fc49741779363cfe', 'hex');

  it('accepts the right tag', () => {
    expect(verifyAesCmac(KEY, MESSAGE, tag)).toBe(true);
  });

  it('accepts a truncated tag of 8 bytes', () => {
    expect(verifyAesCmac(KEY, MESSAGE, tag.subarray(0, 8))).toBe(true);
  });

  it('rejects a tag with one bit flipped', () => {
    const flipped = Buffer.from(tag);

    flipped[15] = flipped[15]! ^ 0x01;

    expect(verifyAesCmac(KEY, MESSAGE, flipped)).toBe(false);
  });

  it('rejects a tag for another message', () => {
    expect(verifyAesCmac(KEY, MESSAGE.subarray(0, 40), tag)).toBe(false);
  });

  it('rejects tags shorter than 8 or longer than 16 bytes', () => {
    expect(verifyAesCmac(KEY, MESSAGE, tag.subarray(0, 4))).toBe(false);
    expect(verifyAesCmac(KEY, MESSAGE, Buffer.concat([tag, Buffer.alloc(1)]))).toBe(false);
  });
});
