import { z } from 'zod';

import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { cardNumber, familyId, isoDate, isoDateTime, nonNegativeInt, positiveInt } from '../values';

export const PRODUCT_CODES = [
  'diesel-heating',
  'diesel-transport',
  'gas-cylinder',
  'gasoline-90',
  'gasoline-95',
] as const;

export const productCode = z.enum(PRODUCT_CODES);

/** Fuel is counted in millilitres; gas cylinders are counted whole. */
export const quantityUnit = z.enum(['cylinder', 'ml']);

export const policyPublishedData = z.object({
  /** `family` policies grant per family book; `vehicle` policies per registered vehicle. */
  beneficiary: z.enum(['family', 'vehicle']),
  effectiveFrom: isoDate,
  /** Quantity granted per period, in `unit`. */
  periodQuantity: positiveInt,
  periodDays: positiveInt,
  policyVersion: positiveInt,
  /** Subsidized price per litre or per cylinder, in piastres (1 SYP = 100 piastres). */
  pricePiastres: nonNegativeInt,
  productCode,
  unit: quantityUnit,
  /**
   * Quota per vehicle class when `beneficiary` is `vehicle`; `periodQuantity` and `periodDays`
   * then carry the default class. Optional, so older consumers and producers stay valid.
   */
  vehicleClasses: z
    .array(
      z.object({
        periodDays: positiveInt,
        periodQuantity: positiveInt,
        vehicleClass: z.string().min(1).max(40),
      }),
    )
    .optional(),
});

export const entitlement = z.object({
  balance: nonNegativeInt,
  granted: nonNegativeInt,
  periodEnd: isoDate,
  periodStart: isoDate,
  productCode,
  unit: quantityUnit,
});

export const entitlementsChangedData = z.object({
  entitlements: z.array(entitlement),
  familyId,
  reason: z.string().max(200),
  version: positiveInt,
});

export const redemptionRecordedData = z.object({
  amountPiastres: nonNegativeInt,
  balanceAfter: nonNegativeInt,
  cardNumber,
  familyId,
  idempotencyKey: z.string().min(8).max(100),
  productCode,
  quantity: positiveInt,
  recordedAt: isoDateTime,
  redemptionId: z.uuid(),
  stationId: z.string().min(1).max(60),
  unit: quantityUnit,
});

export const PolicyPublished = defineEvent({
  key: (data) => data.productCode,
  schema: policyPublishedData,
  topic: Topics.fuelPolicies,
  type: 'sy.gov.fuel.policy-published.v1',
});

export const EntitlementsChanged = defineEvent({
  key: (data) => data.familyId,
  schema: entitlementsChangedData,
  topic: Topics.fuelEntitlements,
  type: 'sy.gov.fuel.entitlements-changed.v1',
});

export const RedemptionRecorded = defineEvent({
  key: (data) => data.cardNumber,
  schema: redemptionRecordedData,
  topic: Topics.fuelRedemptions,
  type: 'sy.gov.fuel.redemption-recorded.v1',
});

/** Distributor ids follow the station id format, such as `DS-SY01-001`. */
const distributorId = z.string().min(1).max(60);

export const turnScheduledData = z.object({
  distributorId,
  familyId,
  productCode,
  /** Quantity set aside for the family, in `unit`. */
  quantity: positiveInt,
  scheduledAt: isoDateTime,
  turnId: z.uuid(),
  unit: quantityUnit,
  /** Calendar day of the pick-up window in the service's time zone. */
  windowDate: isoDate,
  windowEnd: isoDateTime,
  windowStart: isoDateTime,
});

export const turnExpiredData = z.object({
  distributorId,
  expiredAt: isoDateTime,
  /** Expired turns of the family for this product in the quota period, this one included. */
  expiriesInPeriod: positiveInt,
  familyId,
  productCode,
  /** Reason the family was not put back in the queue, or null when `requeuedTurnId` is set. */
  requeueSkippedReason: z.string().max(200).nullable(),
  /** The family's new waiting turn at the end of the queue, or null when it was not requeued. */
  requeuedTurnId: z.uuid().nullable(),
  turnId: z.uuid(),
  windowEnd: isoDateTime,
});

export const turnCompletedData = z.object({
  completedAt: isoDateTime,
  distributorId,
  familyId,
  productCode,
  /** Quantity of the redemption that completed the turn, in `unit`. */
  quantity: positiveInt,
  redemptionId: z.uuid(),
  turnId: z.uuid(),
  unit: quantityUnit,
});

export const turnCancelledData = z.object({
  cancelledAt: isoDateTime,
  distributorId,
  familyId,
  productCode,
  /** Code of the cause: CANCELLED_BY_FAMILY, or why the family no longer qualifies. */
  reasonCode: z.string().min(1).max(60),
  /** Status the turn had when it was cancelled. */
  statusBefore: z.enum(['notified', 'waiting']),
  turnId: z.uuid(),
});

export const TurnScheduled = defineEvent({
  key: (data) => data.familyId,
  schema: turnScheduledData,
  topic: Topics.fuelTurns,
  type: 'sy.gov.fuel.turn-scheduled.v1',
});

export const TurnExpired = defineEvent({
  key: (data) => data.familyId,
  schema: turnExpiredData,
  topic: Topics.fuelTurns,
  type: 'sy.gov.fuel.turn-expired.v1',
});

export const TurnCompleted = defineEvent({
  key: (data) => data.familyId,
  schema: turnCompletedData,
  topic: Topics.fuelTurns,
  type: 'sy.gov.fuel.turn-completed.v1',
});

export const TurnCancelled = defineEvent({
  key: (data) => data.familyId,
  schema: turnCancelledData,
  topic: Topics.fuelTurns,
  type: 'sy.gov.fuel.turn-cancelled.v1',
});
