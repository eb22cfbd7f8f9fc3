import { addDays, ageOn, daysBetween, toIsoDate } from './dates';

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

describe('addDays', () => {
  it('across a leap day', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
  });

  it('backwards over a year end', () => {
    expect(addDays('2016-01-01', -365)).toBe('2015-01-01');
  });
});

describe('daysBetween', () => {
  it('one common year', () => {
    expect(daysBetween('2015-01-01', '2016-01-01')).toBe(365);
  });

  it('negative when reversed', () => {
    expect(daysBetween('2016-01-02', '2015-01-01')).toBe(-366);
  });
});
