import { z } from 'zod';

import { cardNumber, productCode } from '@bitaqa/contracts';

import type { CalendarDay } from '../calendar/calendar-day';
import type { ProductCode, QuantityUnit } from '../catalogue/catalogue.types';
import { stationId } from '../stations/station.schemas';
import { plate } from '../vehicles/vehicle.schemas';

/** Largest single redemption: 1,000 L of fuel, far above any period's quota. */
export const MAX_REDEMPTION_QUANTITY = 1_000_000;

export const redemptionRequest = z.object({
  cardNumber,
  /** Chosen by the station per pump transaction and sent again unchanged on every retry. */
  idempotencyKey: z
    .string()
    .min(8)
    .max(100)
    .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits, dot, underscore, colon and hyphen only'),
  productCode,
  /** Millilitres, or whole cylinders for gas. */
  quantity: z.number().int().positive().max(MAX_REDEMPTION_QUANTITY),
  stationId,
  /** Plate of the family's vehicle that gets gasoline; required only when it owns more than one. */
  vehiclePlate: plate.optional(),
});

export type RedemptionRequest = z.infer<typeof redemptionRequest>;

export const reversalRequest = z.object({
  reason: z.string().trim().min(1).max(200),
});

export type ReversalRequest = z.infer<typeof reversalRequest>;

export const redemptionIdParam = z.object({ id: z.uuid() });

export interface RedemptionView {
  amountPiastres: number;
  balanceAfter: number;
  cardNumber: string;
  familyId: string;
  idempotencyKey: string;
  periodEnd: CalendarDay;
  periodStart: CalendarDay;
  /** Price per litre or per cylinder at the time of the redemption, in piastres. */
  pricePiastres: number;
  productCode: ProductCode;
  quantity: number;
  recordedAt: string;
  redemptionId: string;
  stationId: string;
  unit: QuantityUnit;
  vehiclePlate: string | null;
}

export interface ReversalView {
  balanceAfter: number;
  quantity: number;
  reason: string;
  redemptionId: string;
  reversedAt: string;
  unit: QuantityUnit;
}
