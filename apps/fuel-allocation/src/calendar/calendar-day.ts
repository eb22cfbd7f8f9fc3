/**
 * Calendar days as ISO 8601 strings (`2026-12-04`). Quota periods start and end on whole days
 * of the service's time zone, so day arithmetic runs on UTC midnights and never on local time.
 */
export type CalendarDay = string;

const MS_PER_DAY = 24 * 60 * 60 * 1000;

/** Returns the calendar day of `instant` in `timeZone`. */
export function calendarDayOf(instant: Date, timeZone: string): CalendarDay {
  // The en-CA locale formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    day: '2-digit',
    month: '2-digit',
    timeZone,
    year: 'numeric',
  }).format(instant);
}

/** Returns the UTC midnight of a day, as Prisma and PostgreSQL `DATE` columns expect. */
export function dayToDate(day: CalendarDay): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

export function dateToDay(date: Date): CalendarDay {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: CalendarDay, days: number): CalendarDay {
  return dateToDay(new Date(dayToDate(day).getTime() + days * MS_PER_DAY));
}

/** Whole days from `from` to `to`; negative when `to` comes first. */
export function daysBetween(from: CalendarDay, to: CalendarDay): number {
  return Math.round((dayToDate(to).getTime() - dayToDate(from).getTime()) / MS_PER_DAY);
}
