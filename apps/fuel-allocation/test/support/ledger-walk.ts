import type { Client } from 'pg';

export interface LedgerRow {
  balanceAfter: number;
  kind: string;
  quantity: number;
  reason: string;
}

/** Entries of one family's current account of a product, in the order they were appended. */
export async function accountLedger(
  sql: Client,
  familyId: string,
  productCode: string,
): Promise<LedgerRow[]> {
  const result = await sql.query<LedgerRow>(
    `SELECT e.balance_after AS "balanceAfter", e.kind::text AS kind, e.quantity, e.reason
     FROM ledger_entries e JOIN quota_accounts a ON a.id = e.account_id
     WHERE a.family_id = $1 AND a.product_code = $2 AND a.expired_at IS NULL
     ORDER BY e.id`,
    [familyId, productCode],
  );

  return result.rows;
}

/**
 * Replays entries from zero and returns the problems found: a running balance below zero, or
 * an entry whose balance_after differs from the replayed one. Empty when the chain holds.
 */
export function chainProblems(rows: LedgerRow[]): string[] {
  const problems: string[] = [];
  let balance = 0;

  for (const [index, row] of rows.entries()) {
    balance += row.quantity;
    if (balance < 0) problems.push(`entry ${index} takes the balance to ${balance}`);
    if (row.balanceAfter !== balance) {
      problems.push(`entry ${index} records ${row.balanceAfter}, replay gives ${balance}`);
    }
  }

  return problems;
}
