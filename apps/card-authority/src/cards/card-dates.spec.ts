import { expiryDateFor, startOfUtcDay, toIsoDate } from './card-dates';

describe('expiryDateFor', () => {
  it('adds five years', () => {
    expect(toIsoDate(expiryDateFor(new Date('2026-12-04T00:00:00Z')))).toBe('2031-12-04');
  });

  it('moves 29 February to 28 February', () => {
    expect(toIsoDate(expiryDateFor(new Date('2028-02-29T00:00:00Z')))).toBe('2033-02-28');
  });

  it('keeps 28 February', () => {
    expect(toIsoDate(expiryDateFor(new Date('2023-02-28T00:00:00Z')))).toBe('2028-02-28');
  });
});

describe('startOfUtcDay', () => {
  it('drops the time of day', () => {
    expect(startOfUtcDay(new Date('2026-12-04T23:59:59.999Z')).toISOString()).toBe(
      '2026-12-04T00:00:00.000Z',
    );
  });
});
