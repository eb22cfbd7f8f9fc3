import type { Client } from 'pg';

/** Accounts whose balance differs from the sum of their ledger entries; empty when consistent. */
export async function ledgerMismatches(sql: Client): Promise<unknown[]> {
  const result = await sql.query(`
    SELECT a.id, a.balance, COALESCE(sum(e.quantity), 0)::int AS ledger_sum
    FROM quota_accounts a LEFT JOIN ledger_entries e ON e.account_id = a.id
    GROUP BY a.id, a.balance
    HAVING a.balance <> COALESCE(sum(e.quantity), 0)`);

  return result.rows;
}

export async function countRows(sql: Client, table: string): Promise<number> {
  const result = await sql.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${table}`);

  return result.rows[0]?.count ?? 0;
}

export async function familyBalance(
  sql: Client,
  familyId: string,
  productCode: string,
): Promise<{ balance: number; granted: number } | undefined> {
  const result = await sql.query<{ balance: number; granted: number }>(
    `SELECT balance, granted FROM quota_accounts
     WHERE family_id = $1 AND product_code = $2 AND expired_at IS NULL
     ORDER BY period_start DESC LIMIT 1`,
    [familyId, productCode],
  );

  return result.rows[0];
}
