import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  let now = 0;
  const clock = (): number => now;

  beforeEach(() => {
    now = 1_000;
  });

  it('returns value before expiry', () => {
    const cache = new TtlCache<string>(100, 10, clock);

    cache.set('a', 'one');
    now += 99;

    expect(cache.get('a')).toBe('one');
  });

  it('drops value at expiry', () => {
    const cache = new TtlCache<string>(100, 10, clock);

    cache.set('a', 'one');
    now += 100;

    expect(cache.get('a')).toBeUndefined();
  });

  it('evicts oldest when full', () => {
    const cache = new TtlCache<string>(100, 2, clock);

    cache.set('a', 'one');
    cache.set('b', 'two');
    cache.set('c', 'three');

    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe('two');
    expect(cache.get('c')).toBe('three');
  });

  it('refreshes a key on set', () => {
    const cache = new TtlCache<string>(100, 2, clock);

    cache.set('a', 'one');
    cache.set('b', 'two');
    cache.set('a', 'uno');
    cache.set('c', 'three');

    expect(cache.get('a')).toBe('uno');
    expect(cache.get('b')).toBeUndefined();
  });

  it('deletes matching values', () => {
    const cache = new TtlCache<{ id: string }>(100, 10, clock);

    cache.set('a', { id: 'k1' });
    cache.set('b', { id: 'k2' });
    cache.deleteWhere((value) => value.id === 'k1');

    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toEqual({ id: 'k2' });
  });
});
