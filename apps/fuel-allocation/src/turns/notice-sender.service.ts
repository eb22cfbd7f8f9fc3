import { Inject, Injectable } from '@nestjs/common';

import type { Logger } from '@bitaqa/observability';

import { dateToDay } from '../calendar/calendar-day';
import { CatalogueService } from '../catalogue/catalogue.service';
import type { ProductCode } from '../catalogue/catalogue.types';
import type { FuelAllocationConfig } from '../config';
import { CalendarService } from '../infrastructure/calendar.service';
import { PrismaService } from '../infrastructure/prisma.service';
import { APP_CONFIG, LOGGER } from '../infrastructure/tokens';

import { IdentityRegistryClient, type SmsOutcome } from './identity-registry.client';
import { turnNoticeText } from './notice-text';
import { DEFAULT_TURN_SETTINGS, type TurnSettings } from './turn-settings';
import type { NoticeRun } from './turn.types';

/** Notices claimed per round trip to the database and sent in parallel. */
const BATCH_SIZE = 20;

/** A claim older than this is taken over: the process that made it stopped mid-call. */
const STALE_CLAIM_MS = 5 * 60_000;

interface ClaimedNotice {
  distributor_name: string;
  family_id: string;
  head_national_number: string;
  id: string;
  notice_attempts: number;
  product_code: string;
  quantity: number;
  window_date: Date;
  window_end: Date;
  window_start: Date;
}

/**
 * Sends the SMS notices of notified turns through the identity registry. A notice is claimed
 * (`pending` to `sending`) in its own statement before the call, so two scheduler runs never
 * send the same notice, and the turn id as reference makes the registry drop a repeated call.
 * Unreachable-registry failures stay `pending` for the next run until `noticeMaxAttempts`.
 */
@Injectable()
export class NoticeSenderService {
  private readonly settings: TurnSettings;

  constructor(
    private readonly calendar: CalendarService,
    private readonly catalogue: CatalogueService,
    @Inject(APP_CONFIG) private readonly config: FuelAllocationConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
    private readonly registry: IdentityRegistryClient,
  ) {
    this.settings = config.turns ?? DEFAULT_TURN_SETTINGS;
  }

  /** Sends pending notices, of one distributor or of all; each is tried at most once per run. */
  async sendPending(distributorId?: string): Promise<NoticeRun> {
    const run: NoticeRun = { failed: 0, queued: 0, retrying: 0 };
    const tried: string[] = [];

    for (;;) {
      const claimed = await this.claim(distributorId, tried);

      tried.push(...claimed.map((notice) => notice.id));

      // The claimed notices are in flight together, so one slow call does not hold up the batch.
      const outcomes = await Promise.all(claimed.map((notice) => this.send(notice)));

      for (const outcome of outcomes) run[outcome] += 1;
      if (claimed.length < BATCH_SIZE) break;
    }
    if (tried.length > 0) this.logger.info({ distributorId, ...run }, 'turn notices sent');

    return run;
  }

  private async claim(distributorId: string | undefined, tried: string[]) {
    const now = this.calendar.now();
    const staleBefore = new Date(now.getTime() - STALE_CLAIM_MS);

    return this.prisma.$queryRaw<ClaimedNotice[]>`
      UPDATE turns t SET notice_status = 'sending', notice_claimed_at = ${now},
             notice_attempts = t.notice_attempts + 1
      FROM distributors d, families f
      WHERE t.id IN (
          SELECT id FROM turns
          WHERE status = 'notified' AND window_end > ${now}
            AND (notice_status = 'pending'
                 OR (notice_status = 'sending' AND notice_claimed_at < ${staleBefore}))
            AND (${distributorId ?? null}::text IS NULL OR distributor_id = ${distributorId ?? null})
            AND NOT (id = ANY(${tried}::uuid[]))
          ORDER BY seq
          LIMIT ${BATCH_SIZE}
          FOR UPDATE SKIP LOCKED)
        AND d.id = t.distributor_id AND f.family_id = t.family_id
      RETURNING t.id::text, t.family_id, t.product_code, t.quantity, t.window_date,
                t.window_start, t.window_end, t.notice_attempts, d.name AS distributor_name,
                f.head_national_number`;
  }

  private async send(notice: ClaimedNotice): Promise<keyof NoticeRun> {
    const productCode = notice.product_code as ProductCode;
    const message = turnNoticeText(
      {
        distributorName: notice.distributor_name,
        productCode,
        quantity: notice.quantity,
        turnId: notice.id,
        unit: this.catalogue.product(productCode)?.unit ?? 'ml',
        window: {
          date: dateToDay(notice.window_date),
          end: notice.window_end,
          start: notice.window_start,
        },
      },
      this.config.timeZone,
    );
    const outcome = await this.registry.sendSms({
      message,
      nationalNumber: notice.head_national_number,
      purpose: 'fuel-turn',
      reference: notice.id,
    });

    return this.record(notice, outcome);
  }

  private async record(notice: ClaimedNotice, outcome: SmsOutcome): Promise<keyof NoticeRun> {
    const fields = {
      attempts: notice.notice_attempts,
      familyId: notice.family_id,
      turnId: notice.id,
    };

    if (outcome.kind === 'queued') {
      await this.finish(notice.id, 'queued', outcome.notificationId, null);
      this.logger.info({ ...fields, notificationId: outcome.notificationId }, 'turn notice queued');

      return 'queued';
    }

    const exhausted = notice.notice_attempts >= this.settings.noticeMaxAttempts;

    if (outcome.kind === 'rejected' || exhausted) {
      await this.finish(notice.id, 'failed', null, outcome.code);
      this.logger.warn(
        { ...fields, code: outcome.code, reason: outcome.message },
        'turn notice failed',
      );

      return 'failed';
    }

    await this.finish(notice.id, 'pending', null, outcome.code);
    this.logger.warn(
      { ...fields, code: outcome.code, reason: outcome.message },
      'turn notice not delivered to the registry, will retry',
    );

    return 'retrying';
  }

  /** Stores a notice's state unless an expiry or another sender has changed it meanwhile. */
  private async finish(
    turnId: string,
    status: 'failed' | 'pending' | 'queued',
    notificationId: string | null,
    error: string | null,
  ): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE turns SET notice_status = ${status}::turn_notice_status, notice_id = ${notificationId},
             notice_error = ${error}, notice_claimed_at = NULL
      WHERE id = ${turnId}::uuid AND notice_status = 'sending'`;
  }
}
