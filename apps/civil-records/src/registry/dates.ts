/** Formats a DATE column value (midnight UTC) as YYYY-MM-DD. */
export function toIsoDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}

export function toIsoDateOrNull(value: Date | null): string | null {
  return value === null ? null : toIsoDate(value);
}

/** Completed years between two ISO dates; someone born on 29 February turns a year older on 1 March. */
export function ageOn(birthDate: string, onDate: string): number {
  const [birthYear, birthMonthDay] = [Number(birthDate.slice(0, 4)), birthDate.slice(5)];
  const [year, monthDay] = [Number(onDate.slice(0, 4)), onDate.slice(5)];

  return year - birthYear - (monthDay < birthMonthDay ? 1 : 0);
}

const DAY_MS = 86_400_000;

/** Returns the ISO date `days` calendar days after `date`, or before it when negative. */
export function addDays(date: string, days: number): string {
  return toIsoDate(new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS));
}

/** Calendar days from `from` to `to`; negative when `to` comes first. */
export function daysBetween(from: string, to: string): number {
  return Math.round(
    (Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / DAY_MS,
  );
}
