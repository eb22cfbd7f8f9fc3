import { addDays, calendarDayOf, daysBetween } from './calendar-day';

describe('calendar days', () => {
  it('day in Damascus after UTC evening', () => {
    // Syria keeps UTC+3 all year since 2022, so 22:00 UTC is already the next day there.
    expect(calendarDayOf(new Date('2026-12-04T22:00:00Z'), 'Asia/Damascus')).toBe('2026-12-05');
  });

  it('addDays over month end', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
  });

  it('daysBetween both directions', () => {
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
    expect(daysBetween('2026-01-02', '2026-01-01')).toBe(-1);
  });
});
