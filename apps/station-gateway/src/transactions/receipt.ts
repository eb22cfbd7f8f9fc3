/** Response of POST /transactions for a completed sale: the redemption and the station's record. */
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
  /** True when the sale had completed before and this response repeats the stored one. */
  replayed: boolean;
  transactionId: string;
  /** `ml` or `cylinder`. */
  unit: string;
}
