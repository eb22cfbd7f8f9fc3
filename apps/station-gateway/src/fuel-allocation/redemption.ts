import { z } from 'zod';

import { nonNegativeInt, positiveInt, productCode, quantityUnit } from '@bitaqa/contracts';

/** Body of the station's call to fuel-allocation's POST /redemptions. */
export interface RedemptionRequest {
  cardNumber: string;
  idempotencyKey: string;
  productCode: z.infer<typeof productCode>;
  quantity: number;
  stationId: string;
  vehiclePlate?: string;
}

/** The part of fuel-allocation's response that the station keeps and returns. */
export const redemptionResponse = z.object({
  amountPiastres: nonNegativeInt,
  balanceAfter: nonNegativeInt,
  productCode,
  quantity: positiveInt,
  redemptionId: z.string().min(1),
  unit: quantityUnit,
});

export type Redemption = z.infer<typeof redemptionResponse>;

/** Outcome of a redemption call after its retries. */
export type RedemptionOutcome =
  | { attempts: number; kind: 'accepted'; redemption: Redemption }
  | {
      attempts: number;
      code: string;
      details: Record<string, unknown>;
      kind: 'rejected';
      message: string;
      status: number;
    }
  | { attempts: number; code: string; kind: 'unavailable'; message: string };
