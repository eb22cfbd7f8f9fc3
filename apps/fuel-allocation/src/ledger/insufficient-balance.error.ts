/** A debit larger than the account's balance; the ledger never lets a balance go below zero. */
export class InsufficientBalanceError extends Error {
  readonly code = 'INSUFFICIENT_BALANCE';

  constructor(
    readonly accountId: bigint,
    readonly balance: number,
    readonly requested: number,
  ) {
    super(`account ${accountId} holds ${balance}, cannot debit ${requested}`);
    this.name = 'InsufficientBalanceError';
  }
}
