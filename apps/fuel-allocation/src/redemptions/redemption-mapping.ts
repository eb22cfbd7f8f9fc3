import { dateToDay } from '../calendar/calendar-day';
import type { ProductCode } from '../catalogue/catalogue.types';
import type {
  QuotaAccount as QuotaAccountRow,
  Redemption as RedemptionRow,
} from '../generated/prisma/client';

import type { RedemptionView, ReversalView } from './redemption.schemas';

export function redemptionView(
  row: RedemptionRow & { account: Pick<QuotaAccountRow, 'periodEnd' | 'periodStart'> },
): RedemptionView {
  return {
    amountPiastres: row.amountPiastres,
    balanceAfter: row.balanceAfter,
    cardNumber: row.cardNumber,
    familyId: row.familyId,
    idempotencyKey: row.idempotencyKey,
    periodEnd: dateToDay(row.account.periodEnd),
    periodStart: dateToDay(row.account.periodStart),
    pricePiastres: row.pricePiastres,
    productCode: row.productCode as ProductCode,
    quantity: row.quantity,
    recordedAt: row.recordedAt.toISOString(),
    redemptionId: row.id,
    stationId: row.stationId,
    unit: row.unit,
    vehiclePlate: row.vehiclePlate,
  };
}

/** Returns the reversal of a reversed redemption row; undefined while it is not reversed. */
export function reversalView(row: RedemptionRow): ReversalView | undefined {
  if (!row.reversedAt || row.reversalReason === null || row.reversalBalanceAfter === null) {
    return undefined;
  }

  return {
    balanceAfter: row.reversalBalanceAfter,
    quantity: row.quantity,
    reason: row.reversalReason,
    redemptionId: row.id,
    reversedAt: row.reversedAt.toISOString(),
    unit: row.unit,
  };
}
