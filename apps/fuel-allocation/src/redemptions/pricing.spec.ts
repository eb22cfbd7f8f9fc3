import { amountPiastres } from './pricing';

describe('amountPiastres', () => {
  it('whole litres', () => {
    expect(amountPiastres('ml', 250_000, 20_000)).toBe(5_000_000);
  });

  it('rounds half up', () => {
    // 3 piastres per litre: half a litre costs 1.5 piastres, 499 ml cost 1.497.
    expect(amountPiastres('ml', 3, 500)).toBe(2);
    expect(amountPiastres('ml', 3, 499)).toBe(1);
  });

  it('cylinders', () => {
    expect(amountPiastres('cylinder', 970_000, 2)).toBe(1_940_000);
  });
});
