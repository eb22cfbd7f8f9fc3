import { Client } from 'pg';

import type { CalendarDay } from '../../apps/fuel-allocation/src/calendar/calendar-day';
import { periodContaining, type Period } from '../../apps/fuel-allocation/src/calendar/period';

/**
 * Writes `families` Damascus families straight into a fuel-allocation database: a living head,
 * an issued card, a gas-cylinder account of the current period with one cylinder left, and a
 * waiting turn each at `distributorId`, enqueued one second apart. Accounts are marked
 * refreshed today, so the service does not recompute them during the measured run.
 */
export async function seedQueue(
  databaseUrl: string,
  families: number,
  distributorId: string,
  today: CalendarDay,
): Promise<Period> {
  const client = new Client({ connectionString: databaseUrl });

  await client.connect();
  try {
    const policy = await client.query<{ effective_from: Date; id: number; period_days: number }>(
      `SELECT id, effective_from, period_days FROM policies
       WHERE product_code = 'gas-cylinder' ORDER BY version DESC LIMIT 1`,
    );
    const row = policy.rows[0];

    if (!row) throw new Error('the gas-cylinder policy is missing from the seeded catalogue');

    const anchor = row.effective_from.toISOString().slice(0, 10);
    const period = periodContaining({ anchor, periodDays: row.period_days }, today);

    if (!period) throw new Error(`no gas-cylinder period contains ${today}`);

    await client.query('BEGIN');
    await insertFamilies(client, families, today);
    await insertAccounts(client, row.id, period);
    await client.query(
      `INSERT INTO turns (id, distributor_id, product_code, family_id, period_start, enqueued_at)
       SELECT gen_random_uuid(), $1, 'gas-cylinder', family_id, $2::date,
              now() - (($3 - row_number() OVER (ORDER BY family_id)) * interval '1 second')
       FROM families`,
      [distributorId, period.start, families],
    );
    await client.query('COMMIT');

    return period;
  } finally {
    await client.end();
  }
}

async function insertFamilies(client: Client, families: number, today: CalendarDay) {
  await client.query(
    `INSERT INTO families (family_id, governorate, head_national_number, version, refreshed_on)
     SELECT 'FAM-SY01-' || lpad(i::text, 6, '0'), 'SY01', (10000000000 + i)::text, 1, $2::date
     FROM generate_series(1, $1::int) AS i`,
    [families, today],
  );
  await client.query(
    `INSERT INTO family_members (family_id, national_number, alive, birth_date, role)
     SELECT family_id, head_national_number, true, DATE '1980-01-01', 'head' FROM families`,
  );
  await client.query(
    `INSERT INTO cards (card_number, changed_at, expiry_date, family_id, national_number, reason,
                        status, version)
     SELECT (9760000000000000 + row_number() OVER (ORDER BY family_id))::text, now(),
            DATE '2031-01-01', family_id, head_national_number, 'card issued', 'issued', 1
     FROM families`,
  );
}

async function insertAccounts(client: Client, policyId: number, period: Period) {
  await client.query(
    `INSERT INTO quota_accounts (family_id, product_code, policy_id, period_start, period_end,
                                 granted, balance)
     SELECT family_id, 'gas-cylinder', $1, $2::date, $3::date, 1, 1 FROM families`,
    [policyId, period.start, period.end],
  );
  await client.query(
    `INSERT INTO ledger_entries (account_id, kind, quantity, balance_after, reason)
     SELECT id, 'grant', 1, 1, 'benchmark grant' FROM quota_accounts`,
  );
}
