/** Settings for cutting distributors' days into pick-up windows and for scheduling turns. */
export interface TurnSettings {
  /** Opening time of distributors, in minutes after local midnight of the service's time zone. */
  dayStartMinute: number;
  /** Closing time of distributors, in minutes after local midnight; later than the opening. */
  dayEndMinute: number;
  /**
   * Expired turns per family, product and quota period after which the family is not requeued
   * and cannot enqueue again in that period; at least 1.
   */
  maxExpiriesPerPeriod: number;
  /** Attempts to hand one notice to the identity registry before it is marked failed. */
  noticeMaxAttempts: number;
  /** Limit on one call to the identity registry, in milliseconds. */
  noticeTimeoutMs: number;
  /** Pause between background scheduler runs, in milliseconds; 0 turns the background run off. */
  schedulerIntervalMs: number;
  /** Length of one pick-up window, in minutes. */
  slotMinutes: number;
}

export const DEFAULT_TURN_SETTINGS: TurnSettings = {
  dayEndMinute: 16 * 60,
  dayStartMinute: 8 * 60,
  maxExpiriesPerPeriod: 2,
  noticeMaxAttempts: 10,
  noticeTimeoutMs: 5_000,
  schedulerIntervalMs: 60_000,
  slotMinutes: 120,
};

/** Address of the identity registry when IDENTITY_REGISTRY_URL is not set: its default port. */
export const DEFAULT_IDENTITY_REGISTRY_URL = 'http://127.0.0.1:3002';

/** Parses a local time of day such as `08:00` into minutes after midnight. */
export function minuteOfDay(text: string): number {
  const [hours, minutes] = text.split(':').map(Number);

  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** Number of whole pick-up windows between opening and closing time. */
export function windowsPerDay(settings: TurnSettings): number {
  return Math.floor((settings.dayEndMinute - settings.dayStartMinute) / settings.slotMinutes);
}

/** Returns the problems of a setting combination, empty when it can be used. */
export function turnSettingsProblems(settings: TurnSettings): string[] {
  const problems: string[] = [];

  if (settings.dayEndMinute <= settings.dayStartMinute) {
    problems.push(
      'TURN_DAY_END: must be later than TURN_DAY_START (for example TURN_DAY_END=16:00)',
    );
  } else if (windowsPerDay(settings) < 1) {
    problems.push(
      'TURN_SLOT_MINUTES: longer than the day from TURN_DAY_START to TURN_DAY_END ' +
        '(for example TURN_SLOT_MINUTES=120)',
    );
  }

  return problems;
}
