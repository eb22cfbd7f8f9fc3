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
