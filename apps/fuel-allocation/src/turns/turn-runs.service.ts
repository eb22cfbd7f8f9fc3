import { Inject, Injectable } from '@nestjs/common';

import { RuleViolationError } from '@bitaqa/http';
import { errorFields, type Logger } from '@bitaqa/observability';

import { addDays, daysBetween, type CalendarDay } from '../calendar/calendar-day';
import type { ProductCode } from '../catalogue/catalogue.types';
import { DistributorsService } from '../distributors/distributors.service';
import { CalendarService } from '../infrastructure/calendar.service';
import { PrismaService } from '../infrastructure/prisma.service';
import { LOGGER } from '../infrastructure/tokens';

import { ExpiryService } from './expiry.service';
import { NoticeSenderService } from './notice-sender.service';
import { SchedulerService } from './scheduler.service';
import type { ScheduleRequest } from './turn.schemas';
import type { ScheduleRun } from './turn.types';

/** Furthest day ahead an operator may schedule, so families are not notified weeks in advance. */
export const MAX_DAYS_AHEAD = 7;

export interface ScheduleRunWithExpiries extends ScheduleRun {
  /** Turns of every distributor whose window had passed, expired before scheduling. */
  expired: number;
}

/**
 * One scheduler run: expire turns whose window passed (which puts families back in the queue),
 * fill a day's capacity, then send the notices. Operators start it for one distributor. The
 * background loop runs it for the next day for every queue that has waiting turns.
 */
@Injectable()
export class TurnRunsService {
  constructor(
    private readonly calendar: CalendarService,
    private readonly distributors: DistributorsService,
    private readonly expiry: ExpiryService,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly notices: NoticeSenderService,
    private readonly prisma: PrismaService,
    private readonly scheduler: SchedulerService,
  ) {}

  async runForDistributor(
    distributorId: string,
    request: ScheduleRequest,
  ): Promise<ScheduleRunWithExpiries> {
    const distributor = await this.distributors.get(distributorId);
    const day = this.checkDay(request.date);
    const handled = distributor.products.map((product) => product.productCode);

    if (request.productCode && !handled.includes(request.productCode)) {
      throw new RuleViolationError(
        'PRODUCT_NOT_DISTRIBUTED',
        `distributor ${distributorId} does not hand out ${request.productCode}`,
        {
          field: 'productCode',
          hint: `choose one of: ${handled.join(', ')}`,
          value: request.productCode,
        },
      );
    }

    const expired = await this.expiry.expireDue();
    const products = [];

    for (const productCode of request.productCode ? [request.productCode] : handled) {
      products.push(await this.scheduler.scheduleProduct(distributorId, productCode, day));
    }

    const notices = await this.notices.sendPending(distributorId);

    return { date: day, distributorId, expired, notices, products };
  }

  /** Runs expiry, next-day scheduling of every queue with waiting turns, and pending notices. */
  async runAll(): Promise<void> {
    const expired = await this.expiry.expireDue();
    const day = addDays(this.calendar.today(), 1);
    let scheduled = 0;

    for (const { distributorId, productCode } of await this.queuesWithWaitingTurns()) {
      scheduled += (await this.scheduleQuietly(distributorId, productCode, day)) ?? 0;
    }

    const notices = await this.notices.sendPending();

    if (expired + scheduled + notices.queued + notices.failed + notices.retrying > 0) {
      this.logger.info({ day, expired, scheduled, ...notices }, 'turn scheduler run finished');
    }
  }

  private async queuesWithWaitingTurns() {
    const rows = await this.prisma.$queryRaw<{ distributor_id: string; product_code: string }[]>`
      SELECT DISTINCT distributor_id, product_code FROM turns
      WHERE status = 'waiting'
      ORDER BY distributor_id, product_code`;

    return rows.map((row) => ({
      distributorId: row.distributor_id,
      productCode: row.product_code as ProductCode,
    }));
  }

  /** Schedules one product; a failure is logged so it does not stop the other distributors. */
  private async scheduleQuietly(
    distributorId: string,
    productCode: ProductCode,
    day: CalendarDay,
  ): Promise<number | undefined> {
    try {
      return (await this.scheduler.scheduleProduct(distributorId, productCode, day)).scheduled;
    } catch (error) {
      this.logger.error(
        { day, distributorId, err: errorFields(error), productCode },
        'turn scheduling failed',
      );

      return undefined;
    }
  }

  private checkDay(date: CalendarDay | undefined): CalendarDay {
    const today = this.calendar.today();
    const day = date ?? addDays(today, 1);
    const ahead = daysBetween(today, day);

    if (ahead < 1 || ahead > MAX_DAYS_AHEAD) {
      throw new RuleViolationError(
        ahead < 1 ? 'SCHEDULE_DATE_NOT_FUTURE' : 'SCHEDULE_DATE_TOO_FAR',
        `turns can be scheduled from tomorrow (${addDays(today, 1)}) to ` +
          `${addDays(today, MAX_DAYS_AHEAD)}, not on ${day}`,
        { field: 'date', hint: 'leave date out to schedule tomorrow', value: day },
      );
    }

    return day;
  }
}
