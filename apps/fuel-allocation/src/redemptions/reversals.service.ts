import { HttpStatus, Inject, Injectable } from '@nestjs/common';

import { ApiError, NotFoundError, RuleViolationError } from '@bitaqa/http';
import type { Logger } from '@bitaqa/observability';

import { CalendarService } from '../infrastructure/calendar.service';
import { PrismaService, type Tx } from '../infrastructure/prisma.service';
import { LOGGER } from '../infrastructure/tokens';
import { LedgerService } from '../ledger/ledger.service';

import { reversalView } from './redemption-mapping';
import type { ReversalView } from './redemption.schemas';

/** A pump failure may be reversed for this long after the redemption was recorded. */
export const REVERSAL_WINDOW_MS = 30 * 60 * 1000;

/**
 * Credits a redemption's quantity back when the pump failed to deliver. Only the station that
 * recorded the redemption may reverse it. The redemption's row lock and its `reversed_at` mark
 * allow one reversal, and a repeated request returns it.
 */
@Injectable()
export class ReversalsService {
  constructor(
    private readonly calendar: CalendarService,
    private readonly ledger: LedgerService,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly prisma: PrismaService,
  ) {}

  async reverse(redemptionId: string, reason: string, stationId: string): Promise<ReversalView> {
    return this.prisma.transaction(async (tx) => {
      const redemption = await this.lockRedemption(tx, redemptionId);

      if (redemption.stationId !== stationId) {
        throw new ApiError(
          HttpStatus.FORBIDDEN,
          'STATION_MISMATCH',
          `redemption ${redemptionId} was recorded at another station than ${stationId}`,
          {
            field: 'id',
            hint: 'send the token of the station that recorded it',
            value: redemptionId,
          },
        );
      }

      const earlier = reversalView(redemption);

      if (earlier) return earlier;

      const now = this.calendar.now();

      if (now.getTime() - redemption.recordedAt.getTime() > REVERSAL_WINDOW_MS) {
        throw new RuleViolationError(
          'REVERSAL_WINDOW_CLOSED',
          `redemption ${redemptionId} was recorded at ${redemption.recordedAt.toISOString()}; ` +
            'reversals are accepted for 30 minutes',
          { field: 'id', value: redemptionId },
        );
      }

      const account = await this.ledger.lockAccount(tx, redemption.accountId);

      if (account.expiredAt !== null) {
        throw new RuleViolationError(
          'PERIOD_CLOSED',
          `the quota period of redemption ${redemptionId} has closed`,
          { field: 'id', value: redemptionId },
        );
      }

      const after = await this.ledger.post(tx, account, {
        kind: 'reversal',
        quantity: redemption.quantity,
        reason,
        redemptionId,
      });
      const reversed = await tx.redemption.update({
        data: { reversalBalanceAfter: after.balance, reversalReason: reason, reversedAt: now },
        where: { id: redemptionId },
      });

      this.logger.info(
        { quantity: redemption.quantity, reason, redemptionId },
        'redemption reversed',
      );

      return reversalView(reversed) as ReversalView;
    });
  }

  private async lockRedemption(tx: Tx, redemptionId: string) {
    await tx.$queryRaw`SELECT id FROM redemptions WHERE id = ${redemptionId}::uuid FOR UPDATE`;

    const redemption = await tx.redemption.findUnique({ where: { id: redemptionId } });

    if (!redemption) {
      throw new NotFoundError('REDEMPTION_NOT_FOUND', `redemption ${redemptionId} is not known`, {
        field: 'id',
        value: redemptionId,
      });
    }

    return redemption;
  }
}
