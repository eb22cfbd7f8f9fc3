import type { CalendarDay } from '../calendar/calendar-day';
import type { ProductCode, QuantityUnit } from '../catalogue/catalogue.types';

export const TURN_STATUSES = ['waiting', 'notified', 'completed', 'expired', 'cancelled'] as const;

/**
 * `waiting` in the queue, `notified` of a pick-up window, then `completed` by a redemption in
 * the window, `expired` when the window passed, or `cancelled`.
 */
export type TurnStatus = (typeof TURN_STATUSES)[number];

/**
 * State of a turn's SMS notice: `pending` until sent, `sending` while one call is in flight,
 * `queued` once the identity registry accepted it, `failed` when it was rejected or retries ran out.
 */
export type NoticeStatus = 'failed' | 'pending' | 'queued' | 'sending';

export interface WindowView {
  date: CalendarDay;
  end: string;
  start: string;
}

export interface NoticeView {
  /** Error code of the last failed attempt, such as MOBILE_NOT_BOUND. */
  error: string | null;
  notificationId: string | null;
  status: NoticeStatus;
}

export interface TurnView {
  closeReason: string | null;
  closedAt: string | null;
  distributorId: string;
  distributorName: string;
  enqueuedAt: string;
  familyId: string;
  notice: NoticeView | null;
  /** First day of the quota period the turn serves. */
  periodStart: CalendarDay;
  /** Place among the waiting turns of the same queue, 1 being served next; null unless waiting. */
  position: number | null;
  productCode: ProductCode;
  /** Quantity set aside when scheduled, in `unit`; null while waiting. */
  quantity: number | null;
  redemptionId: string | null;
  /** The expired turn this one replaced at the end of the queue. */
  requeuedFrom: string | null;
  status: TurnStatus;
  turnId: string;
  unit: QuantityUnit;
  window: WindowView | null;
}

/** Result of one enqueue request; `created` is false when the family already had this turn. */
export interface EnqueueOutcome {
  created: boolean;
  turn: TurnView;
}

/** Summary of one scheduling run for one product of a distributor on one day. */
export interface ProductSchedule {
  /** Turns cancelled because the family no longer qualified, with their reasons. */
  cancelled: number;
  dailyCapacity: number;
  productCode: ProductCode;
  /** Turns given a window in this run. */
  scheduled: number;
  /** Quantity of the day's capacity taken after this run, in the product's unit. */
  used: number;
  waitingAfter: number;
}

export interface NoticeRun {
  failed: number;
  queued: number;
  /** Notices left pending for a later run because the registry was unreachable. */
  retrying: number;
}

export interface ScheduleRun {
  date: CalendarDay;
  distributorId: string;
  notices: NoticeRun;
  products: ProductSchedule[];
}
