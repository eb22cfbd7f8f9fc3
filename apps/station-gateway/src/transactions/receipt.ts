/** What POST /transactions returns for a completed sale: fuel-allocation's answer, and ours. */
export interface Receipt {
  amountPiastres: number;
  /** Calls made to fuel-allocation for this sale so far. */
  attempts: number;
  balanceAfter: number;
  cardNumber: string;
  idempotencyKey: string;
  productCode: string;
  quantity: number;
  redemptionId: string;
  /** True when the sale had completed before and this answer repeats the stored one. */
  replayed: boolean;
  transactionId: string;
  /** `ml` or `cylinder`. */
  unit: string;
}
