import { Injectable } from '@nestjs/common';

/** Source of the current time, injectable so a test can pin it. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
