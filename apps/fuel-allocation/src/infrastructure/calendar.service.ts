import { Inject, Injectable } from '@nestjs/common';

import { calendarDayOf, type CalendarDay } from '../calendar/calendar-day';
import { CLOCK, type Clock } from '../calendar/clock';
import type { FuelAllocationConfig } from '../config';

import { APP_CONFIG } from './tokens';

/** The current instant and calendar day in the service's time zone. */
@Injectable()
export class CalendarService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: FuelAllocationConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  today(): CalendarDay {
    return calendarDayOf(this.clock.now(), this.config.timeZone);
  }
}
