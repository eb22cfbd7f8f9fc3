import { Injectable } from '@nestjs/common';

// Civil events are dated in Syrian local time: a birth just after midnight in Damascus is
// already "today" there while UTC still shows yesterday.
const CIVIL_TIME_ZONE = 'Asia/Damascus';

const isoDateFormat = new Intl.DateTimeFormat('en-CA', {
  day: '2-digit',
  month: '2-digit',
  timeZone: CIVIL_TIME_ZONE,
  year: 'numeric',
});

/** Source of the current date, injectable so that a test can pin it. */
@Injectable()
export class Clock {
  /** Returns today's date in Damascus as YYYY-MM-DD. */
  today(): string {
    return isoDateFormat.format(new Date());
  }
}
