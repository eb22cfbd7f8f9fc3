import { Inject, Injectable } from '@nestjs/common';

import type { Logger } from '@bitaqa/observability';

import type { ProductCode, QuantityUnit } from '../catalogue/catalogue.types';
import type { Tx } from '../infrastructure/prisma.service';
import { LOGGER } from '../infrastructure/tokens';

import { publishCompleted } from './turn-events';

/** The fields of a recorded redemption that can complete a turn. */
export interface RecordedRedemption {
  familyId: string;
  productCode: ProductCode;
  quantity: number;
  /** ISO 8601 instant the redemption was recorded. */
  recordedAt: string;
  redemptionId: string;
  stationId: string;
  unit: QuantityUnit;
}

/**
 * Completes a family's notified turn when the family redeems the product at the turn's
 * distributor (through the distributor's station) inside the pick-up window. It runs in the
 * redemption's transaction, so the turn is completed if and only if the redemption commits.
 * NOTE: reversing the redemption leaves the turn completed; the family has to enqueue again.
 */
@Injectable()
export class CompletionService {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  async completeByRedemption(tx: Tx, redemption: RecordedRedemption): Promise<void> {
    const at = new Date(redemption.recordedAt);
    const rows = await tx.$queryRaw<{ distributor_id: string; id: string }[]>`
      UPDATE turns t SET status = 'completed', redemption_id = ${redemption.redemptionId}::uuid,
             closed_at = ${at}, close_reason = 'redeemed at the distributor'
      FROM distributors d
      WHERE d.id = t.distributor_id AND d.station_id = ${redemption.stationId}
        AND t.family_id = ${redemption.familyId} AND t.product_code = ${redemption.productCode}
        AND t.status = 'notified' AND t.window_start <= ${at} AND t.window_end > ${at}
      RETURNING t.id::text, t.distributor_id`;

    for (const row of rows) {
      await publishCompleted(tx, {
        completedAt: redemption.recordedAt,
        distributorId: row.distributor_id,
        familyId: redemption.familyId,
        productCode: redemption.productCode,
        quantity: redemption.quantity,
        redemptionId: redemption.redemptionId,
        turnId: row.id,
        unit: redemption.unit,
      });
      this.logger.info(
        { familyId: redemption.familyId, redemptionId: redemption.redemptionId, turnId: row.id },
        'turn completed',
      );
    }
  }
}
