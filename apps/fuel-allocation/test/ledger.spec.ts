import { Client } from 'pg';

import { startFuelService, type FuelTestService } from './support/fuel-service';
import { familyBalance } from './support/ledger-checks';
import { givenFamilyWithCard } from './support/scenario';

/** The database rejects ledger writes that bypass the service's rules. */
describe('ledger guarantees', () => {
  let fuel: FuelTestService;
  let accountId: string;
  let familyId: string;

  beforeAll(async () => {
    fuel = await startFuelService('ledger');

    const { family } = await givenFamilyWithCard(fuel, 1);
    const account = await fuel.sql.query<{ id: string }>(
      `SELECT id::text FROM quota_accounts WHERE family_id = $1 AND product_code = 'diesel-heating'`,
      [family.familyId],
    );

    familyId = family.familyId;
    accountId = account.rows[0]!.id;
  }, 120_000);

  afterAll(async () => {
    await fuel?.close();
  });

  /** Appends an entry as the service does: entry and balance in one transaction. */
  async function append(quantity: number, balanceAfter: number, balance = balanceAfter) {
    await fuel.sql.query('BEGIN');

    try {
      await fuel.sql.query(
        `INSERT INTO ledger_entries (account_id, balance_after, kind, quantity, reason)
         VALUES ($1, $2, 'adjustment', $3, 'test')`,
        [accountId, balanceAfter, quantity],
      );
      await fuel.sql.query('UPDATE quota_accounts SET balance = $2 WHERE id = $1', [
        accountId,
        balance,
      ]);
      await fuel.sql.query('COMMIT');
    } catch (error) {
      await fuel.sql.query('ROLLBACK');
      throw error;
    }
  }

  it('entries never edited', async () => {
    await expect(
      fuel.sql.query('UPDATE ledger_entries SET quantity = quantity + 1 WHERE account_id = $1', [
        accountId,
      ]),
    ).rejects.toThrow(/append-only/);
    await expect(
      fuel.sql.query('DELETE FROM ledger_entries WHERE account_id = $1', [accountId]),
    ).rejects.toThrow(/append-only/);
  });

  it('broken chain rejected', async () => {
    await expect(append(-1_000, 48_000)).rejects.toThrow(/expected 49000/);
    expect(await familyBalance(fuel.sql, familyId, 'diesel-heating')).toEqual({
      balance: 50_000,
      granted: 50_000,
    });
  });

  it('balance moved without entry rejected', async () => {
    await expect(
      fuel.sql.query('UPDATE quota_accounts SET balance = 1 WHERE id = $1', [accountId]),
    ).rejects.toThrow(/holds 1, its ledger ends at 50000/);
  });

  it('entry left out of balance rejected', async () => {
    await expect(append(-1_000, 49_000, 50_000)).rejects.toThrow(/ledger ends at 49000/);
  });

  it('below zero rejected', async () => {
    await expect(append(-50_001, -1)).rejects.toThrow(/balance_after_check|balance_check/);
  });

  it('consistent entry accepted', async () => {
    await append(-1_000, 49_000);

    expect(await familyBalance(fuel.sql, familyId, 'diesel-heating')).toEqual({
      balance: 49_000,
      granted: 50_000,
    });
  });

  it('unlocked writers serialized', async () => {
    // Two connections append at once without locking the account first. The chain trigger
    // takes the row lock, so the second waits, then reads the first's entry and rejects its
    // own stale balance_after.
    const other = new Client({ connectionString: fuel.database.url });

    await other.connect();

    try {
      await fuel.sql.query('BEGIN');
      await fuel.sql.query(
        `INSERT INTO ledger_entries (account_id, balance_after, kind, quantity, reason)
         VALUES ($1, 48000, 'adjustment', -1000, 'first')`,
        [accountId],
      );

      const second = other.query(
        `INSERT INTO ledger_entries (account_id, balance_after, kind, quantity, reason)
         VALUES ($1, 48000, 'adjustment', -1000, 'second')`,
        [accountId],
      );

      await fuel.sql.query('UPDATE quota_accounts SET balance = 48000 WHERE id = $1', [accountId]);
      await fuel.sql.query('COMMIT');

      await expect(second).rejects.toThrow(/expected 47000/);
    } finally {
      await other.end();
    }
  });
});
