import { addDays, daysBetween, type CalendarDay } from './calendar-day';

/** A quota period; both ends are included. */
export interface Period {
  end: CalendarDay;
  start: CalendarDay;
}

/** A yearly season: `periods` consecutive periods from a fixed month and day each year. */
export interface Season {
  periods: number;
  startDay: number;
  startMonth: number;
}

/**
 * Division of time into a policy's periods. Without a season, periods of `periodDays` follow
 * each other from `anchor` on. With a season, each year has `season.periods` periods of
 * `periodDays` from the season's start, and days outside them belong to no period.
 */
export interface PeriodRule {
  anchor: CalendarDay;
  periodDays: number;
  season?: Season;
}

function rollingPeriod(rule: PeriodRule, day: CalendarDay): Period | undefined {
  const elapsed = daysBetween(rule.anchor, day);

  if (elapsed < 0) return undefined;

  const start = addDays(rule.anchor, Math.floor(elapsed / rule.periodDays) * rule.periodDays);

  return { end: addDays(start, rule.periodDays - 1), start };
}

function seasonStartOnOrBefore(season: Season, day: CalendarDay): CalendarDay {
  const month = String(season.startMonth).padStart(2, '0');
  const monthDay = `${month}-${String(season.startDay).padStart(2, '0')}`;
  const year = Number(day.slice(0, 4));
  const thisYear = `${year}-${monthDay}`;

  return thisYear <= day ? thisYear : `${year - 1}-${monthDay}`;
}

function seasonalPeriod(rule: PeriodRule, season: Season, day: CalendarDay): Period | undefined {
  if (day < rule.anchor) return undefined;

  const seasonStart = seasonStartOnOrBefore(season, day);
  const index = Math.floor(daysBetween(seasonStart, day) / rule.periodDays);

  if (index >= season.periods) return undefined;

  const start = addDays(seasonStart, index * rule.periodDays);

  return { end: addDays(start, rule.periodDays - 1), start };
}

/** Finds the period that contains `day`; undefined when the rule grants nothing on that day. */
export function periodContaining(rule: PeriodRule, day: CalendarDay): Period | undefined {
  return rule.season ? seasonalPeriod(rule, rule.season, day) : rollingPeriod(rule, day);
}
