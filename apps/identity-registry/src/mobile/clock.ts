import { Injectable } from '@nestjs/common';

/**
 * Source of the current time for code expiry. Tests move it forward by replacing `now` on the
 * instance the app resolved.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
