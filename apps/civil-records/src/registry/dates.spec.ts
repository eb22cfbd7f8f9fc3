import { ageOn, toIsoDate } from './dates';

describe('ageOn', () => {
  it('day before birthday', () => {
    expect(ageOn('2000-06-15', '2018-06-14')).toBe(17);
  });

  it('on birthday', () => {
    expect(ageOn('2000-06-15', '2018-06-15')).toBe(18);
  });

  it('leap day birth', () => {
    expect(ageOn('2000-02-29', '2018-02-28')).toBe(17);
    expect(ageOn('2000-02-29', '2018-03-01')).toBe(18);
  });
});

describe('toIsoDate', () => {
  it('date column value', () => {
    expect(toIsoDate(new Date('1980-01-02T00:00:00.000Z'))).toBe('1980-01-02');
  });
});
