import type { PRODUCT_CODES } from '@bitaqa/contracts';

export type ProductCode = (typeof PRODUCT_CODES)[number];

export type TransactionOutcome = 'accepted' | 'failed' | 'pending' | 'refused';

/**
 * One sale attempt at the pump and how it ended. `pending` means fuel-allocation was or is
 * being called and no response is stored yet. `failed` means no definite response came back, so
 * a retry with the same idempotency key may still complete it.
 */
export interface StationTransaction {
  amountPiastres: number | null;
  attempts: number;
  balanceAfter: number | null;
  cardNumber: string | null;
  /** The card's cached status when the card was checked. */
  cardStatus: string | null;
  completedAt: string | null;
  createdAt: string;
  id: string;
  idempotencyKey: string | null;
  outcome: TransactionOutcome;
  outcomeCode: string | null;
  outcomeMessage: string | null;
  /** HTTP status of the station's response to a refusal or failure. */
  outcomeStatus: number | null;
  productCode: ProductCode;
  quantity: number;
  redemptionId: string | null;
  unit: string | null;
  vehiclePlate: string | null;
}
