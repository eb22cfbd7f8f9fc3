import { randomUUID } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';

import { RedemptionRecorded } from '@bitaqa/contracts';
import { ConflictError, RuleViolationError } from '@bitaqa/http';
import { enqueueEvent } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import { CalendarService } from '../infrastructure/calendar.service';
import { detailsWith } from '../infrastructure/error-details';
import { EVENT_SOURCE } from '../infrastructure/event-source';
import { isUniqueViolation, PrismaService, type Tx } from '../infrastructure/prisma.service';
import { LOGGER } from '../infrastructure/tokens';
import { LedgerService } from '../ledger/ledger.service';
import type { QuotaAccount } from '../ledger/ledger.types';
import { CompletionService } from '../turns/completion.service';

import { amountPiastres } from './pricing';
import { redemptionView } from './redemption-mapping';
import { RedemptionTargetService, type RedemptionTarget } from './redemption-target.service';
import type { RedemptionRequest, RedemptionView } from './redemption.schemas';
import { redemptionRequestHash } from './request-hash';

export interface RedemptionOutcome {
  /** True when the idempotency key was seen before and `view` is the stored response. */
  replayed: boolean;
  view: RedemptionView;
}

/**
 * Debits quotas at stations. The ledger entry, the redemption row (unique idempotency key) and
 * the `RedemptionRecorded` outbox row commit in one transaction under the account's row lock,
 * so a retried or duplicated request debits once and receives the same response.
 */
@Injectable()
export class RedemptionsService {
  constructor(
    private readonly calendar: CalendarService,
    private readonly ledger: LedgerService,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
    private readonly targets: RedemptionTargetService,
    private readonly turns: CompletionService,
  ) {}

  async redeem(request: RedemptionRequest): Promise<RedemptionOutcome> {
    const requestHash = redemptionRequestHash(request);
    const earlier = await this.replay(this.prisma, request.idempotencyKey, requestHash);

    if (earlier) return earlier;

    const target = await this.targets.resolve(request);

    try {
      return await this.prisma.transaction((tx) => this.debit(tx, request, requestHash, target));
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;

      // A concurrent request with the same key on another account committed first.
      const winner = await this.replay(this.prisma, request.idempotencyKey, requestHash);

      if (!winner) throw error;

      return winner;
    }
  }

  private async debit(
    tx: Tx,
    request: RedemptionRequest,
    requestHash: string,
    target: RedemptionTarget,
  ): Promise<RedemptionOutcome> {
    const account = await this.ledger.lockAccount(tx, target.accountId);
    // Under the lock, a request with the same key that got here first has committed.
    const earlier = await this.replay(tx, request.idempotencyKey, requestHash);

    if (earlier) return earlier;

    this.checkBalance(account, request);

    const view = await this.recordRedemption(tx, request, requestHash, target, account);

    await this.ledger.post(tx, account, {
      kind: 'redemption',
      quantity: -request.quantity,
      reason: `redeemed at station ${request.stationId}`,
      redemptionId: view.redemptionId,
    });
    await enqueueEvent(
      tx,
      RedemptionRecorded,
      {
        amountPiastres: view.amountPiastres,
        balanceAfter: view.balanceAfter,
        cardNumber: view.cardNumber,
        familyId: view.familyId,
        idempotencyKey: view.idempotencyKey,
        productCode: view.productCode,
        quantity: view.quantity,
        recordedAt: view.recordedAt,
        redemptionId: view.redemptionId,
        stationId: view.stationId,
        unit: view.unit,
      },
      { source: EVENT_SOURCE },
    );
    // A redemption at a distributor's station inside the family's pick-up window ends its turn.
    await this.turns.completeByRedemption(tx, view);
    this.logger.info(
      {
        balanceAfter: view.balanceAfter,
        productCode: view.productCode,
        redemptionId: view.redemptionId,
        stationId: view.stationId,
      },
      'redemption recorded',
    );

    return { replayed: false, view };
  }

  /** Inserts the redemption row; its unique idempotency key stops a second debit for the key. */
  private async recordRedemption(
    tx: Tx,
    request: RedemptionRequest,
    requestHash: string,
    target: RedemptionTarget,
    account: QuotaAccount,
  ): Promise<RedemptionView> {
    const row = await tx.redemption.create({
      data: {
        accountId: account.id,
        amountPiastres: amountPiastres(target.unit, target.pricePiastres, request.quantity),
        balanceAfter: account.balance - request.quantity,
        cardNumber: request.cardNumber,
        familyId: target.familyId,
        id: randomUUID(),
        idempotencyKey: request.idempotencyKey,
        pricePiastres: target.pricePiastres,
        productCode: request.productCode,
        quantity: request.quantity,
        recordedAt: this.calendar.now(),
        requestHash,
        stationId: request.stationId,
        unit: target.unit,
        vehiclePlate: target.vehiclePlate,
      },
      include: { account: { select: { periodEnd: true, periodStart: true } } },
    });

    return redemptionView(row);
  }

  private checkBalance(account: QuotaAccount, request: RedemptionRequest): void {
    if (account.expiredAt !== null) {
      throw new RuleViolationError(
        'NO_ENTITLEMENT',
        `no ${request.productCode} quota in the current period`,
        { field: 'productCode', value: request.productCode },
      );
    }
    if (account.balance < request.quantity) {
      throw new RuleViolationError(
        'QUOTA_EXCEEDED',
        `requested ${request.quantity} but only ${account.balance} is left this period`,
        detailsWith(
          {
            field: 'quantity',
            hint: 'redeem at most the remaining balance',
            value: request.quantity,
          },
          { balance: account.balance, periodEnd: account.periodEnd },
        ),
      );
    }
  }

  /** Returns the stored response for a key seen before and rejects a different request under it. */
  private async replay(
    db: Tx,
    idempotencyKey: string,
    requestHash: string,
  ): Promise<RedemptionOutcome | undefined> {
    const row = await db.redemption.findUnique({
      include: { account: { select: { periodEnd: true, periodStart: true } } },
      where: { idempotencyKey },
    });

    if (!row) return undefined;
    if (row.requestHash !== requestHash) {
      throw new ConflictError(
        'IDEMPOTENCY_KEY_REUSED',
        `idempotency key ${idempotencyKey} was used for a different redemption`,
        {
          field: 'idempotencyKey',
          hint: 'send a new key for a new redemption; resend the same body to retry',
          value: idempotencyKey,
        },
      );
    }

    return { replayed: true, view: redemptionView(row) };
  }
}
