import { amountPiastres } from './pricing';

describe('amountPiastres', () => {
  it('whole litres', () => {
    expect(amountPiastres('ml', 250_000, 20_000)).toBe(5_000_000);
  });

  it('rounds half up', () => {
    expect(amountPiastres('ml', 1_001, 500)).toBe(501);
    expect(amountPiastres('ml', 1_001, 499)).toBe(500);
  });

  it('cylinders', () => {
    expect(amountPiastres('cylinder', 970_000, 2)).toBe(1_940_000);
  });
});
