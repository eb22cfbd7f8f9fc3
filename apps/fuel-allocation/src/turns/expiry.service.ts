import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import type { Logger } from '@bitaqa/observability';

import { dateToDay, dayToDate } from '../calendar/calendar-day';
import type { ProductCode } from '../catalogue/catalogue.types';
import type { FuelAllocationConfig } from '../config';
import { CalendarService } from '../infrastructure/calendar.service';
import { PrismaService, type Tx } from '../infrastructure/prisma.service';
import { APP_CONFIG, LOGGER } from '../infrastructure/tokens';

import { EligibilityService } from './eligibility.service';
import { publishExpired } from './turn-events';
import { DEFAULT_TURN_SETTINGS, type TurnSettings } from './turn-settings';

/** Notified turns expired per transaction. */
const BATCH_SIZE = 100;

interface DueTurn {
  distributor_id: string;
  family_id: string;
  id: string;
  period_start: Date;
  product_code: string;
  window_end: Date;
}

/** Outcome of requeueing an expired turn's family: its new waiting turn, or the reason for none. */
type Requeue = { requeuedTurnId: string } | { skippedReason: string };

/**
 * Expires notified turns whose pick-up window has passed and puts each family back at the end
 * of the same queue with a new turn, which gets a new SMS reference. A family whose turns
 * expired `maxExpiriesPerPeriod` times in a quota period, or that no longer qualifies, is not
 * put back. Each expiry publishes `TurnExpired`.
 */
@Injectable()
export class ExpiryService {
  private readonly settings: TurnSettings;

  constructor(
    private readonly calendar: CalendarService,
    @Inject(APP_CONFIG) config: FuelAllocationConfig,
    private readonly eligibility: EligibilityService,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
  ) {
    this.settings = config.turns ?? DEFAULT_TURN_SETTINGS;
  }

  /** Expires every due turn; returns how many expired. */
  async expireDue(): Promise<number> {
    let expired = 0;

    for (;;) {
      const due = await this.prisma.$queryRaw<{ family_id: string; id: string }[]>`
        SELECT id::text, family_id FROM turns
        WHERE status = 'notified' AND window_end <= ${this.calendar.now()}
        ORDER BY window_end, seq
        LIMIT ${BATCH_SIZE}`;

      if (due.length === 0) break;

      await this.eligibility.refresh(
        due.map((turn) => turn.family_id),
        this.calendar.today(),
      );

      const count = await this.prisma.transaction((tx) =>
        this.expireBatch(
          tx,
          due.map((turn) => turn.id),
        ),
      );

      expired += count;
      this.logger.info({ expired: count }, 'turn expiry batch done');
      // Turns locked by a concurrent redemption were skipped; the next run picks them up again.
      if (due.length < BATCH_SIZE || count === 0) break;
    }

    return expired;
  }

  private async expireBatch(tx: Tx, turnIds: string[]): Promise<number> {
    const now = this.calendar.now();
    const turns = await tx.$queryRaw<DueTurn[]>`
      SELECT id::text, distributor_id, family_id, product_code, period_start, window_end
      FROM turns
      WHERE id = ANY(${turnIds}::uuid[]) AND status = 'notified' AND window_end <= ${now}
      ORDER BY window_end, seq
      FOR UPDATE SKIP LOCKED`;

    for (const turn of turns) {
      await tx.$executeRaw`
        UPDATE turns SET status = 'expired', closed_at = ${now},
               close_reason = 'pick-up window passed without a redemption',
               notice_status = CASE WHEN notice_status IN ('pending', 'sending')
                                    THEN 'failed'::turn_notice_status ELSE notice_status END,
               notice_error = CASE WHEN notice_status IN ('pending', 'sending')
                                   THEN 'WINDOW_PASSED' ELSE notice_error END
        WHERE id = ${turn.id}::uuid`;

      const expiries = await this.expiriesIn(tx, turn, dateToDay(turn.period_start));
      const requeue = await this.requeue(tx, turn, now);

      await publishExpired(tx, {
        distributorId: turn.distributor_id,
        expiredAt: now.toISOString(),
        expiriesInPeriod: expiries,
        familyId: turn.family_id,
        productCode: turn.product_code as ProductCode,
        requeueSkippedReason: 'skippedReason' in requeue ? requeue.skippedReason : null,
        requeuedTurnId: 'requeuedTurnId' in requeue ? requeue.requeuedTurnId : null,
        turnId: turn.id,
        windowEnd: turn.window_end.toISOString(),
      });
      this.logger.info(
        { expiries, familyId: turn.family_id, turnId: turn.id, ...requeue },
        'turn expired',
      );
    }

    return turns.length;
  }

  private async requeue(tx: Tx, turn: DueTurn, now: Date): Promise<Requeue> {
    const productCode = turn.product_code as ProductCode;
    const checked = await this.eligibility.check(
      tx,
      [turn.family_id],
      productCode,
      this.calendar.today(),
    );
    const result = checked.get(turn.family_id);

    if (!result?.eligible) return { skippedReason: result?.code ?? 'FAMILY_NOT_FOUND' };

    const expiries = await this.expiriesIn(tx, turn, result.periodStart);

    if (expiries >= this.settings.maxExpiriesPerPeriod)
      return { skippedReason: 'TURN_EXPIRY_LIMIT' };

    const turnId = randomUUID();
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO turns (id, distributor_id, product_code, family_id, period_start, enqueued_at,
                         requeued_from)
      VALUES (${turnId}::uuid, ${turn.distributor_id}, ${productCode}, ${turn.family_id},
              ${dayToDate(result.periodStart)}::date, ${now}, ${turn.id}::uuid)
      ON CONFLICT (family_id, product_code) WHERE status IN ('waiting', 'notified') DO NOTHING
      RETURNING id::text`;

    return inserted.length > 0
      ? { requeuedTurnId: turnId }
      : { skippedReason: 'TURN_ALREADY_OPEN' };
  }

  /** Expired turns of the turn's family and product in the quota period from `periodStart`. */
  private async expiriesIn(tx: Tx, turn: DueTurn, periodStart: string): Promise<number> {
    return tx.turn.count({
      where: {
        familyId: turn.family_id,
        periodStart: dayToDate(periodStart),
        productCode: turn.product_code,
        status: 'expired',
      },
    });
  }
}
