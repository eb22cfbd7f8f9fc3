import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import { ConflictError, NotFoundError, RuleViolationError } from '@bitaqa/http';
import type { Logger } from '@bitaqa/observability';

import { dayToDate } from '../calendar/calendar-day';
import type { ProductCode } from '../catalogue/catalogue.types';
import type { FuelAllocationConfig } from '../config';
import { DistributorsService } from '../distributors/distributors.service';
import type { DistributorProduct } from '../distributors/distributor.schemas';
import { FamilyEntitlementsService } from '../entitlements/family-entitlements.service';
import { CalendarService } from '../infrastructure/calendar.service';
import { detailsWith } from '../infrastructure/error-details';
import { PrismaService, type Tx } from '../infrastructure/prisma.service';
import { APP_CONFIG, LOGGER } from '../infrastructure/tokens';

import { EligibilityService } from './eligibility.service';
import { publishCancelled } from './turn-events';
import { TurnQueryService } from './turn-query.service';
import { DEFAULT_TURN_SETTINGS, type TurnSettings } from './turn-settings';
import type { EnqueueRequest } from './turn.schemas';
import type { EnqueueOutcome, TurnView } from './turn.types';

/**
 * Puts families in distributors' queues and takes them out. A partial unique index allows one
 * open turn per family and product, so concurrent or repeated requests enqueue a family once.
 */
@Injectable()
export class QueueService {
  private readonly settings: TurnSettings;

  constructor(
    private readonly calendar: CalendarService,
    @Inject(APP_CONFIG) config: FuelAllocationConfig,
    private readonly distributors: DistributorsService,
    private readonly eligibility: EligibilityService,
    private readonly families: FamilyEntitlementsService,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
    private readonly query: TurnQueryService,
  ) {
    this.settings = config.turns ?? DEFAULT_TURN_SETTINGS;
  }

  /** Enqueues a family, or returns its open turn at the same distributor unchanged. */
  async enqueue(familyId: string, request: EnqueueRequest): Promise<EnqueueOutcome> {
    const product = await this.distributorProduct(request);

    if (!(await this.families.ensureCurrent(familyId))) {
      throw new NotFoundError('FAMILY_NOT_FOUND', `family ${familyId} is not known`, {
        field: 'familyId',
        hint: 'families arrive from civil records; check the id or wait for the family book entry',
        value: familyId,
      });
    }

    const existing = await this.openTurn(familyId, product);

    if (existing) return { created: false, turn: existing };

    const periodStart = await this.checkEligible(familyId, product);
    const turnId = randomUUID();
    const inserted = await this.prisma.$queryRaw<{ id: string }[]>`
      INSERT INTO turns (id, distributor_id, product_code, family_id, period_start, enqueued_at)
      VALUES (${turnId}::uuid, ${product.distributorId}, ${product.productCode}, ${familyId},
              ${dayToDate(periodStart)}::date, ${this.calendar.now()})
      ON CONFLICT (family_id, product_code) WHERE status IN ('waiting', 'notified') DO NOTHING
      RETURNING id::text`;

    if (inserted.length === 0) {
      // A concurrent request for the same family and product inserted first.
      const winner = await this.openTurn(familyId, product);

      if (winner) return { created: false, turn: winner };

      throw new ConflictError(
        'TURN_CHANGED',
        `the ${product.productCode} turns of family ${familyId} changed during the request`,
        { field: 'familyId', hint: 'send the request again', value: familyId },
      );
    }

    this.logger.info(
      { distributorId: product.distributorId, familyId, productCode: product.productCode, turnId },
      'turn enqueued',
    );

    return { created: true, turn: await this.viewOf(this.prisma, turnId) };
  }

  /** Cancels a waiting or notified turn at the family's request; repeating it changes nothing. */
  async cancel(familyId: string, turnId: string): Promise<TurnView> {
    return this.prisma.transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ status: string }[]>`
        SELECT status::text AS status FROM turns
        WHERE id = ${turnId}::uuid AND family_id = ${familyId} FOR UPDATE`;
      const status = rows[0]?.status;

      if (status === undefined) {
        throw new NotFoundError('TURN_NOT_FOUND', `family ${familyId} has no turn ${turnId}`, {
          field: 'turnId',
          hint: 'list the family turns with GET /families/:familyId/turns',
          value: turnId,
        });
      }
      if (status === 'cancelled') return this.viewOf(tx, turnId);
      if (status !== 'waiting' && status !== 'notified') {
        throw new RuleViolationError('TURN_CLOSED', `turn ${turnId} is already ${status}`, {
          field: 'turnId',
          value: turnId,
        });
      }

      await this.cancelLocked(tx, turnId, status, 'CANCELLED_BY_FAMILY', 'cancelled by the family');

      return this.viewOf(tx, turnId);
    });
  }

  /** Cancels an open turn that is locked by the caller and publishes `TurnCancelled`. */
  async cancelLocked(
    tx: Tx,
    turnId: string,
    statusBefore: 'notified' | 'waiting',
    reasonCode: string,
    reason: string,
  ): Promise<void> {
    const now = this.calendar.now();
    const rows = await tx.$queryRaw<
      { distributor_id: string; family_id: string; product_code: string }[]
    >`
      UPDATE turns SET status = 'cancelled', closed_at = ${now}, close_reason = ${reason}
      WHERE id = ${turnId}::uuid
      RETURNING distributor_id, family_id, product_code`;
    const row = rows[0];

    if (!row) return;

    await publishCancelled(tx, {
      cancelledAt: now.toISOString(),
      distributorId: row.distributor_id,
      familyId: row.family_id,
      productCode: row.product_code as ProductCode,
      reasonCode,
      statusBefore,
      turnId,
    });
    this.logger.info({ familyId: row.family_id, reasonCode, turnId }, 'turn cancelled');
  }

  private async distributorProduct(request: EnqueueRequest): Promise<DistributorProduct> {
    const product = await this.distributors.product(request.distributorId, request.productCode);

    if (product) return product;

    const known = await this.prisma.distributor.count({ where: { id: request.distributorId } });

    if (known === 0) {
      throw new RuleViolationError(
        'DISTRIBUTOR_NOT_FOUND',
        `distributor ${request.distributorId} is not known`,
        {
          field: 'distributorId',
          hint: 'list distributors with GET /distributors',
          value: request.distributorId,
        },
      );
    }

    throw new RuleViolationError(
      'PRODUCT_NOT_DISTRIBUTED',
      `distributor ${request.distributorId} does not hand out ${request.productCode}`,
      {
        field: 'productCode',
        hint: `GET /distributors/${request.distributorId} lists its products`,
        value: request.productCode,
      },
    );
  }

  /** Returns the family's open turn at this distributor; rejects one open at another. */
  private async openTurn(
    familyId: string,
    product: DistributorProduct,
  ): Promise<TurnView | undefined> {
    const open = await this.prisma.turn.findFirst({
      select: { distributorId: true, id: true },
      where: {
        familyId,
        productCode: product.productCode,
        status: { in: ['waiting', 'notified'] },
      },
    });

    if (!open) return undefined;
    if (open.distributorId === product.distributorId) return this.viewOf(this.prisma, open.id);

    throw new ConflictError(
      'TURN_ALREADY_OPEN',
      `family ${familyId} already holds an open ${product.productCode} turn at ` +
        `distributor ${open.distributorId}`,
      detailsWith(
        {
          field: 'distributorId',
          hint: 'cancel the open turn first, or wait until it is completed or expires',
          value: product.distributorId,
        },
        { distributorId: open.distributorId, turnId: open.id },
      ),
    );
  }

  /** Checks governorate, eligibility and the expiry limit; returns the quota period's start. */
  private async checkEligible(familyId: string, product: DistributorProduct): Promise<string> {
    const family = await this.prisma.family.findUniqueOrThrow({ where: { familyId } });

    if (family.governorate !== product.governorate) {
      throw new RuleViolationError(
        'GOVERNORATE_MISMATCH',
        `family ${familyId} lives in ${family.governorate}; distributor ` +
          `${product.distributorId} serves ${product.governorate}`,
        {
          field: 'distributorId',
          hint: `choose a distributor in ${family.governorate}`,
          value: product.distributorId,
        },
      );
    }

    const today = this.calendar.today();
    const checked = await this.eligibility.check(
      this.prisma,
      [familyId],
      product.productCode,
      today,
    );
    const result = checked.get(familyId);

    if (!result?.eligible) {
      throw new RuleViolationError(
        result?.code ?? 'FAMILY_NOT_FOUND',
        result?.message ?? `family ${familyId} is not known`,
        { field: 'familyId', value: familyId },
      );
    }

    await this.checkExpiryLimit(familyId, product, result.periodStart);

    return result.periodStart;
  }

  private async checkExpiryLimit(
    familyId: string,
    product: DistributorProduct,
    periodStart: string,
  ): Promise<void> {
    const expiries = await this.prisma.turn.count({
      where: {
        familyId,
        periodStart: dayToDate(periodStart),
        productCode: product.productCode,
        status: 'expired',
      },
    });

    if (expiries < this.settings.maxExpiriesPerPeriod) return;

    throw new RuleViolationError(
      'TURN_EXPIRY_LIMIT',
      `family ${familyId} let ${expiries} ${product.productCode} turns expire in the quota ` +
        `period from ${periodStart}; the limit is ${this.settings.maxExpiriesPerPeriod}`,
      detailsWith(
        { field: 'familyId', hint: 'enqueue again in the next quota period', value: familyId },
        { expiries, periodStart },
      ),
    );
  }

  private async viewOf(db: Tx, turnId: string): Promise<TurnView> {
    const view = await this.query.one(db, turnId);

    if (!view) throw new Error(`turn ${turnId} vanished after it was written`);

    return view;
  }
}
