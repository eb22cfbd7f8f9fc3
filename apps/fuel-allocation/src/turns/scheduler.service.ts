import { Inject, Injectable } from '@nestjs/common';

import type { Logger } from '@bitaqa/observability';

import { dayToDate, type CalendarDay } from '../calendar/calendar-day';
import { CatalogueService } from '../catalogue/catalogue.service';
import type { ProductCode } from '../catalogue/catalogue.types';
import type { FuelAllocationConfig } from '../config';
import { CalendarService } from '../infrastructure/calendar.service';
import { PrismaService, type Tx } from '../infrastructure/prisma.service';
import { APP_CONFIG, LOGGER } from '../infrastructure/tokens';

import { lockDailyCapacity, usedCapacity, waitingCount } from './day-capacity';
import { EligibilityService } from './eligibility.service';
import { pickUpWindow, placeOnDay, type Placement, type QueuedDemand } from './pick-up-windows';
import { QueueService } from './queue.service';
import { publishScheduled } from './turn-events';
import { DEFAULT_TURN_SETTINGS, windowsPerDay, type TurnSettings } from './turn-settings';
import type { ProductSchedule } from './turn.types';

/** Waiting turns examined per transaction. */
const BATCH_SIZE = 100;

interface WaitingTurn {
  family_id: string;
  id: string;
}

interface BatchOutcome {
  cancelled: number;
  /** True when the day's capacity stopped placement before the batch ran out. */
  full: boolean;
  scheduled: number;
}

/**
 * Gives the head of a distributor's queue pick-up windows on one day, up to the day's capacity.
 * Each batch runs in one transaction under the distributor product's row lock, so concurrent or
 * repeated runs never exceed the capacity or schedule a turn twice. Families that no longer
 * qualify are cancelled on the way, so they do not hold up the queue.
 */
@Injectable()
export class SchedulerService {
  private readonly settings: TurnSettings;

  constructor(
    private readonly calendar: CalendarService,
    private readonly catalogue: CatalogueService,
    @Inject(APP_CONFIG) private readonly config: FuelAllocationConfig,
    private readonly eligibility: EligibilityService,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
    private readonly queue: QueueService,
  ) {
    this.settings = config.turns ?? DEFAULT_TURN_SETTINGS;
  }

  async scheduleProduct(
    distributorId: string,
    productCode: ProductCode,
    day: CalendarDay,
  ): Promise<ProductSchedule> {
    let scheduled = 0;
    let cancelled = 0;

    for (;;) {
      if (await this.dayIsFull(distributorId, productCode, day)) break;

      const candidates = await this.headOfQueue(distributorId, productCode);

      if (candidates.length === 0) break;

      // Refreshing opens transactions of its own, so it runs before the batch's transaction.
      await this.eligibility.refresh(
        candidates.map((turn) => turn.family_id),
        this.calendar.today(),
      );

      const ids = candidates.map((turn) => turn.id);
      const outcome = await this.prisma.transaction((tx) =>
        this.placeBatch(tx, distributorId, productCode, day, ids),
      );

      scheduled += outcome.scheduled;
      cancelled += outcome.cancelled;
      if (outcome.scheduled + outcome.cancelled > 0) {
        this.logger.info(
          {
            cancelled: outcome.cancelled,
            day,
            distributorId,
            productCode,
            scheduled: outcome.scheduled,
          },
          'turn batch scheduled',
        );
      }
      if (outcome.full || candidates.length < BATCH_SIZE) break;
    }

    return {
      cancelled,
      dailyCapacity: (await this.capacityOf(distributorId, productCode)) ?? 0,
      productCode,
      scheduled,
      used: await usedCapacity(this.prisma, distributorId, productCode, day),
      waitingAfter: await waitingCount(this.prisma, distributorId, productCode),
    };
  }

  /** Reads without locking whether the day is full, to skip refreshing families for nothing. */
  private async dayIsFull(
    distributorId: string,
    productCode: ProductCode,
    day: CalendarDay,
  ): Promise<boolean> {
    const capacity = await this.capacityOf(distributorId, productCode);

    if (capacity === undefined) return true;

    return (await usedCapacity(this.prisma, distributorId, productCode, day)) >= capacity;
  }

  private async headOfQueue(distributorId: string, productCode: ProductCode) {
    return this.prisma.$queryRaw<WaitingTurn[]>`
      SELECT id::text, family_id FROM turns
      WHERE distributor_id = ${distributorId} AND product_code = ${productCode}
        AND status = 'waiting'
      ORDER BY enqueued_at, seq
      LIMIT ${BATCH_SIZE}`;
  }

  private async placeBatch(
    tx: Tx,
    distributorId: string,
    productCode: ProductCode,
    day: CalendarDay,
    turnIds: string[],
  ): Promise<BatchOutcome> {
    const capacity = await lockDailyCapacity(tx, distributorId, productCode);

    if (capacity === undefined) return { cancelled: 0, full: true, scheduled: 0 };

    const used = await usedCapacity(tx, distributorId, productCode, day);
    // Turns cancelled or scheduled since they were read drop out here.
    const turns = await tx.$queryRaw<WaitingTurn[]>`
      SELECT id::text, family_id FROM turns
      WHERE id = ANY(${turnIds}::uuid[]) AND status = 'waiting'
      ORDER BY enqueued_at, seq
      FOR UPDATE`;
    const checked = await this.eligibility.check(
      tx,
      turns.map((turn) => turn.family_id),
      productCode,
      this.calendar.today(),
    );
    const demands: QueuedDemand[] = [];
    let cancelled = 0;

    for (const turn of turns) {
      const result = checked.get(turn.family_id);

      if (result?.eligible) {
        demands.push({ balance: result.balance, turnId: turn.id });
      } else {
        await this.queue.cancelLocked(
          tx,
          turn.id,
          'waiting',
          result?.code ?? 'FAMILY_NOT_FOUND',
          result?.message ?? 'the family is not known',
        );
        cancelled += 1;
      }
    }

    const placements = placeOnDay(demands, capacity, used, windowsPerDay(this.settings));

    await this.notify(tx, placements, distributorId, productCode, day);

    return { cancelled, full: placements.length < demands.length, scheduled: placements.length };
  }

  /**
   * Moves placed turns to `notified` with their windows in one statement and publishes
   * `TurnScheduled` for each; the notices are sent after commit.
   */
  private async notify(
    tx: Tx,
    placements: Placement[],
    distributorId: string,
    productCode: ProductCode,
    day: CalendarDay,
  ): Promise<void> {
    if (placements.length === 0) return;

    const windows = placements.map((placement) =>
      pickUpWindow(day, placement.windowIndex, this.settings, this.config.timeZone),
    );
    const now = this.calendar.now();
    const rows = await tx.$queryRaw<{ family_id: string; id: string }[]>`
      UPDATE turns t SET status = 'notified', quantity = placed.quantity, scheduled_at = ${now},
             window_date = ${dayToDate(day)}::date, window_start = placed.window_start,
             window_end = placed.window_end, notice_status = 'pending'
      FROM unnest(
        ${placements.map((placement) => placement.turnId)}::uuid[],
        ${placements.map((placement) => placement.quantity)}::int[],
        ${windows.map((window) => window.start.toISOString())}::timestamptz[],
        ${windows.map((window) => window.end.toISOString())}::timestamptz[]
      ) AS placed (id, quantity, window_start, window_end)
      WHERE t.id = placed.id
      RETURNING t.id::text, t.family_id`;
    const familyOf = new Map(rows.map((row) => [row.id, row.family_id]));
    const unit = this.catalogue.product(productCode)?.unit ?? 'ml';

    for (const [index, placement] of placements.entries()) {
      const window = windows[index] as (typeof windows)[number];

      await publishScheduled(tx, {
        distributorId,
        familyId: familyOf.get(placement.turnId) as string,
        productCode,
        quantity: placement.quantity,
        scheduledAt: now.toISOString(),
        turnId: placement.turnId,
        unit,
        windowDate: day,
        windowEnd: window.end.toISOString(),
        windowStart: window.start.toISOString(),
      });
    }
  }

  private async capacityOf(distributorId: string, productCode: ProductCode) {
    const row = await this.prisma.distributorProduct.findUnique({
      where: { distributorId_productCode: { distributorId, productCode } },
    });

    return row?.dailyCapacity;
  }
}
