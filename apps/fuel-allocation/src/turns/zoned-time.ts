import { dayToDate, type CalendarDay } from '../calendar/calendar-day';

const MS_PER_MINUTE = 60_000;

/** Offset of `timeZone` from UTC at `instant`, in minutes (+180 for Asia/Damascus in 2026). */
function utcOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    day: 'numeric',
    hour: 'numeric',
    hourCycle: 'h23',
    minute: 'numeric',
    month: 'numeric',
    second: 'numeric',
    timeZone,
    year: 'numeric',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((entry) => entry.type === type)?.value ?? 0);
  const wallClockAsUtc = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  const wholeSeconds = Math.floor(instant.getTime() / 1000) * 1000;

  return Math.round((wallClockAsUtc - wholeSeconds) / MS_PER_MINUTE);
}

/**
 * Returns the instant at which the clocks of `timeZone` show `minuteOfDay` minutes after midnight
 * of `day`. The second pass corrects the offset when a daylight-saving change falls in between.
 */
export function zonedInstant(day: CalendarDay, minuteOfDay: number, timeZone: string): Date {
  const wallClock = dayToDate(day).getTime() + minuteOfDay * MS_PER_MINUTE;
  const firstGuess = wallClock - utcOffsetMinutes(new Date(wallClock), timeZone) * MS_PER_MINUTE;
  const corrected = wallClock - utcOffsetMinutes(new Date(firstGuess), timeZone) * MS_PER_MINUTE;

  return new Date(corrected);
}

/** Formats the local time of `instant` in `timeZone` as HH:MM with Latin digits. */
export function localTimeOfDay(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    hourCycle: 'h23',
    minute: '2-digit',
    timeZone,
  }).format(instant);
}
