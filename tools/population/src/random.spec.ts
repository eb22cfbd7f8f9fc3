import { Random } from './random';

describe('Random', () => {
  it('same seed, same sequence', () => {
    const first = new Random(42);
    const second = new Random(42);

    for (let index = 0; index < 100; index += 1) expect(first.next()).toBe(second.next());
  });

  it('values in range', () => {
    const random = new Random(1);

    for (let index = 0; index < 1000; index += 1) {
      const value = random.int(3, 5);

      expect(value).toBeGreaterThanOrEqual(3);
      expect(value).toBeLessThanOrEqual(5);
    }
  });

  it('weighted follows weights', () => {
    const random = new Random(9);
    let heavy = 0;

    for (let index = 0; index < 2000; index += 1) {
      if (random.weighted(['heavy', 'light'], (item) => (item === 'heavy' ? 9 : 1)) === 'heavy') {
        heavy += 1;
      }
    }

    expect(heavy / 2000).toBeGreaterThan(0.85);
    expect(heavy / 2000).toBeLessThan(0.95);
  });

  it('pick from empty list', () => {
    expect(() => new Random(1).pick([])).toThrow(RangeError);
  });
});
