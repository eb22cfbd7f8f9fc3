import { periodContaining, type PeriodRule } from './period';

describe('periodContaining', () => {
  const every23Days: PeriodRule = { anchor: '2019-01-01', periodDays: 23 };
  const heatingSeason: PeriodRule = {
    anchor: '2022-09-14',
    periodDays: 91,
    season: { periods: 2, startDay: 1, startMonth: 10 },
  };

  it('rolling first day', () => {
    expect(periodContaining(every23Days, '2019-01-01')).toEqual({
      end: '2019-01-23',
      start: '2019-01-01',
    });
  });

  it('rolling last and next day', () => {
    expect(periodContaining(every23Days, '2019-01-23')?.start).toBe('2019-01-01');
    expect(periodContaining(every23Days, '2019-01-24')?.start).toBe('2019-01-24');
  });

  it('rolling before the anchor', () => {
    expect(periodContaining(every23Days, '2018-12-31')).toBeUndefined();
  });

  it('rolling across years', () => {
    const period = periodContaining({ anchor: '2019-04-15', periodDays: 5 }, '2026-12-04');

    expect(period).toBeDefined();
    expect(period!.start <= '2026-12-04').toBe(true);
    expect(period!.end >= '2026-12-04').toBe(true);
  });

  it('season first batch', () => {
    expect(periodContaining(heatingSeason, '2026-10-01')).toEqual({
      end: '2026-12-30',
      start: '2026-10-01',
    });
  });

  it('season second batch over new year', () => {
    expect(periodContaining(heatingSeason, '2026-12-31')).toEqual({
      end: '2027-03-31',
      start: '2026-12-31',
    });
    expect(periodContaining(heatingSeason, '2027-02-15')?.start).toBe('2026-12-31');
  });

  it('season off in summer', () => {
    expect(periodContaining(heatingSeason, '2027-04-01')).toBeUndefined();
    expect(periodContaining(heatingSeason, '2027-09-30')).toBeUndefined();
  });

  it('season before the policy starts', () => {
    expect(periodContaining(heatingSeason, '2021-11-01')).toBeUndefined();
  });
});
