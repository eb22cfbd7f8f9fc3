import { Inject, Injectable } from '@nestjs/common';

import { StationDatabase } from '../sqlite/station-database';

import type { StationTransaction, TransactionOutcome } from './station-transaction';

interface TransactionRow {
  amount_piastres: number | null;
  attempts: number;
  balance_after: number | null;
  card_number: string | null;
  card_status: string | null;
  completed_at: string | null;
  created_at: string;
  id: string;
  idempotency_key: string | null;
  outcome: TransactionOutcome;
  outcome_code: string | null;
  outcome_message: string | null;
  outcome_status: number | null;
  product_code: StationTransaction['productCode'];
  quantity: number;
  redemption_id: string | null;
  unit: string | null;
  vehicle_plate: string | null;
}

/** Fields of a transaction when it is first recorded. */
export type NewTransaction = Pick<
  StationTransaction,
  | 'cardNumber'
  | 'cardStatus'
  | 'id'
  | 'idempotencyKey'
  | 'productCode'
  | 'quantity'
  | 'vehiclePlate'
> &
  Partial<Pick<StationTransaction, 'outcomeCode' | 'outcomeMessage' | 'outcomeStatus'>> & {
    outcome: TransactionOutcome;
  };

/** Outcome of a transaction, written once it is known. */
export interface TransactionCompletion {
  /** Calls made to fuel-allocation for this completion. */
  addedAttempts: number;
  amountPiastres?: number;
  balanceAfter?: number;
  outcome: Exclude<TransactionOutcome, 'pending'>;
  outcomeCode?: string;
  outcomeMessage?: string;
  outcomeStatus?: number;
  redemptionId?: string;
  unit?: string;
}

const NOW = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;

const INSERT = `
INSERT INTO transactions
  (id, card_number, card_status, idempotency_key, outcome, outcome_code, outcome_message,
   outcome_status, product_code, quantity, vehicle_plate, completed_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
  CASE WHEN $5 = 'pending' THEN NULL ELSE ${NOW} END)
ON CONFLICT (idempotency_key) DO NOTHING`;

const COMPLETE = `
UPDATE transactions SET
  amount_piastres = $2, attempts = attempts + $3, balance_after = $4, completed_at = ${NOW},
  outcome = $5, outcome_code = $6, outcome_message = $7, outcome_status = $8,
  redemption_id = $9, unit = $10
WHERE id = $1`;

function fromRow(row: TransactionRow): StationTransaction {
  return {
    amountPiastres: row.amount_piastres,
    attempts: row.attempts,
    balanceAfter: row.balance_after,
    cardNumber: row.card_number,
    cardStatus: row.card_status,
    completedAt: row.completed_at,
    createdAt: row.created_at,
    id: row.id,
    idempotencyKey: row.idempotency_key,
    outcome: row.outcome,
    outcomeCode: row.outcome_code,
    outcomeMessage: row.outcome_message,
    outcomeStatus: row.outcome_status,
    productCode: row.product_code,
    quantity: row.quantity,
    redemptionId: row.redemption_id,
    unit: row.unit,
    vehiclePlate: row.vehicle_plate,
  };
}

/** The station's log of transactions, kept in SQLite. */
@Injectable()
export class TransactionRepository {
  constructor(@Inject(StationDatabase) private readonly database: StationDatabase) {}

  /**
   * Records a transaction. Returns false, and records nothing, when another transaction already
   * has its idempotency key.
   */
  async insert(transaction: NewTransaction): Promise<boolean> {
    const changed = await this.database.transaction((tx) =>
      tx.$executeRawUnsafe(
        INSERT,
        transaction.id,
        transaction.cardNumber,
        transaction.cardStatus,
        transaction.idempotencyKey,
        transaction.outcome,
        transaction.outcomeCode,
        transaction.outcomeMessage,
        transaction.outcomeStatus,
        transaction.productCode,
        transaction.quantity,
        transaction.vehiclePlate,
      ),
    );

    return changed > 0;
  }

  async complete(id: string, completion: TransactionCompletion): Promise<StationTransaction> {
    await this.database.transaction((tx) =>
      tx.$executeRawUnsafe(
        COMPLETE,
        id,
        completion.amountPiastres,
        completion.addedAttempts,
        completion.balanceAfter,
        completion.outcome,
        completion.outcomeCode,
        completion.outcomeMessage,
        completion.outcomeStatus,
        completion.redemptionId,
        completion.unit,
      ),
    );

    return this.findById(id) as StationTransaction;
  }

  findById(id: string): StationTransaction | undefined {
    const row = this.database.queryOne<TransactionRow>(
      'SELECT * FROM transactions WHERE id = $1',
      id,
    );

    return row && fromRow(row);
  }

  findByIdempotencyKey(idempotencyKey: string): StationTransaction | undefined {
    const row = this.database.queryOne<TransactionRow>(
      'SELECT * FROM transactions WHERE idempotency_key = $1',
      idempotencyKey,
    );

    return row && fromRow(row);
  }

  /** Returns the latest transactions, newest first. */
  listLatest(limit: number): StationTransaction[] {
    return this.database
      .query<TransactionRow>(
        'SELECT * FROM transactions ORDER BY created_at DESC, rowid DESC LIMIT $1',
        limit,
      )
      .map(fromRow);
  }

  countByOutcome(): Record<TransactionOutcome, number> {
    const counts: Record<TransactionOutcome, number> = {
      accepted: 0,
      failed: 0,
      pending: 0,
      refused: 0,
    };
    const rows = this.database.query<{ count: number; outcome: TransactionOutcome }>(
      'SELECT outcome, COUNT(*) AS count FROM transactions GROUP BY outcome',
    );

    for (const row of rows) counts[row.outcome] = row.count;

    return counts;
  }
}
