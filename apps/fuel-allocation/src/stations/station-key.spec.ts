import { bearerToken, newStationKey, stationKeyHash } from './station-key';

describe('station keys', () => {
  it('new keys differ', () => {
    const keys = new Set(Array.from({ length: 100 }, () => newStationKey()));

    expect(keys.size).toBe(100);
    for (const key of keys) expect(key).toMatch(/^bsk_[A-Za-z0-9_-]{43}$/);
  });

  it('hash is hex SHA-256', () => {
    expect(stationKeyHash('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it.each([
    ['Bearer bsk_abc-DEF_1', 'bsk_abc-DEF_1'],
    ['  Bearer bsk_abc  ', 'bsk_abc'],
    [undefined, undefined],
    ['', undefined],
    ['bearer bsk_abc', undefined],
    ['Basic dXNlcjpwYXNz', undefined],
    ['Bearer ', undefined],
    ['Bearer two words', undefined],
    [`Bearer ${'a'.repeat(201)}`, undefined],
  ])('bearer token of %p', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});
