import { RuleViolationError } from '@bitaqa/http';

import type { CalendarDay } from '../calendar/calendar-day';

/** Versions take effect today or later; the past stays as it was recorded. */
export function assertNotPast(effectiveFrom: CalendarDay, today: CalendarDay): void {
  if (effectiveFrom >= today) return;

  throw new RuleViolationError(
    'EFFECTIVE_DATE_IN_PAST',
    `effectiveFrom ${effectiveFrom} is before today (${today})`,
    {
      field: 'effectiveFrom',
      hint: 'a new version takes effect today or later; earlier days keep their versions',
      value: effectiveFrom,
    },
  );
}
