import { dateToDay } from '../calendar/calendar-day';
import type { ProductCode, QuantityUnit } from '../catalogue/catalogue.types';

import type { NoticeStatus, TurnStatus, TurnView } from './turn.types';

/** A turn row as the view query reads it, with its distributor's name and queue position. */
export interface TurnRow {
  close_reason: string | null;
  closed_at: Date | null;
  distributor_id: string;
  distributor_name: string;
  enqueued_at: Date;
  family_id: string;
  id: string;
  notice_error: string | null;
  notice_id: string | null;
  notice_status: NoticeStatus | null;
  period_start: Date;
  position: number | null;
  product_code: string;
  quantity: number | null;
  redemption_id: string | null;
  requeued_from: string | null;
  status: TurnStatus;
  window_date: Date | null;
  window_end: Date | null;
  window_start: Date | null;
}

export function turnView(row: TurnRow, unit: QuantityUnit): TurnView {
  const window =
    row.window_date && row.window_start && row.window_end
      ? {
          date: dateToDay(row.window_date),
          end: row.window_end.toISOString(),
          start: row.window_start.toISOString(),
        }
      : null;
  const notice = row.notice_status
    ? { error: row.notice_error, notificationId: row.notice_id, status: row.notice_status }
    : null;

  return {
    closeReason: row.close_reason,
    closedAt: row.closed_at?.toISOString() ?? null,
    distributorId: row.distributor_id,
    distributorName: row.distributor_name,
    enqueuedAt: row.enqueued_at.toISOString(),
    familyId: row.family_id,
    notice,
    periodStart: dateToDay(row.period_start),
    position: row.position,
    productCode: row.product_code as ProductCode,
    quantity: row.quantity,
    redemptionId: row.redemption_id,
    requeuedFrom: row.requeued_from,
    status: row.status,
    turnId: row.id,
    unit,
    window,
  };
}
