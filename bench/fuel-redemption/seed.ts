import type { Client } from 'pg';

import { calendarDayOf, dateToDay } from '../../apps/fuel-allocation/src/calendar/calendar-day';
import { periodContaining, type Period } from '../../apps/fuel-allocation/src/calendar/period';

/** Heating diesel granted to each bench family, in millilitres: one 50 L batch. */
export const GRANT_ML = 50_000;

export function benchCardNumber(index: number): string {
  return `9760${String(index).padStart(12, '0')}`;
}

/** Finds the heating-diesel period containing today under the latest policy, or throws. */
async function heatingPeriod(sql: Client, today: string): Promise<{ id: number; period: Period }> {
  const { rows } = await sql.query<{
    effective_from: Date;
    id: number;
    period_days: number;
    season_periods: number;
    season_start_day: number;
    season_start_month: number;
  }>(`SELECT * FROM policies WHERE product_code = 'diesel-heating' ORDER BY version DESC LIMIT 1`);
  const policy = rows[0];
  const period =
    policy &&
    periodContaining(
      {
        anchor: dateToDay(policy.effective_from),
        periodDays: policy.period_days,
        season: {
          periods: policy.season_periods,
          startDay: policy.season_start_day,
          startMonth: policy.season_start_month,
        },
      },
      today,
    );

  if (!policy || !period) {
    throw new Error(
      `${today} is outside the heating-diesel season; the bench debits heating diesel`,
    );
  }

  return { id: policy.id, period };
}

/**
 * Writes `families` families of two living members, each with an issued card and a
 * heating-diesel account of GRANT_ML opened by a grant entry, all marked refreshed today so
 * redemptions go straight to the debit. Account ids run 1..families in family order.
 */
export async function seedFamilies(
  sql: Client,
  families: number,
  timeZone: string,
): Promise<Period> {
  const today = calendarDayOf(new Date(), timeZone);
  const { id: policyId, period } = await heatingPeriod(sql, today);
  const family = `'FAM-SY01-' || lpad(i::text, 7, '0')`;
  const head = `'0100' || lpad(i::text, 7, '0')`;
  const series = `FROM generate_series(1, $1::int) AS i`;

  await sql.query('BEGIN');
  await sql.query(
    `INSERT INTO families (family_id, governorate, head_national_number, version, refreshed_on,
                           entitlements_version)
     SELECT ${family}, 'SY01', ${head}, 1, $2::date, 1 ${series}`,
    [families, today],
  );
  await sql.query(
    `INSERT INTO family_members (alive, birth_date, family_id, national_number, role)
     SELECT true, '1980-01-01'::date, ${family}, ${head}, 'head' ${series}
     UNION ALL
     SELECT true, '1984-01-01'::date, ${family}, '0200' || lpad(i::text, 7, '0'), 'wife' ${series}`,
    [families],
  );
  await sql.query(
    `INSERT INTO cards (card_number, changed_at, expiry_date, family_id, national_number, reason,
                        status, version)
     SELECT '9760' || lpad(i::text, 12, '0'), now(), '2031-01-01', ${family}, ${head},
            'card issued', 'issued', 1 ${series}`,
    [families],
  );
  await sql.query(
    `INSERT INTO quota_accounts (balance, family_id, granted, period_start, period_end, policy_id,
                                 product_code)
     SELECT $2::int, ${family}, $2::int, $3::date, $4::date, $5::int, 'diesel-heating'
     ${series} ORDER BY i`,
    [families, GRANT_ML, period.start, period.end, policyId],
  );
  await sql.query(
    `INSERT INTO ledger_entries (account_id, balance_after, kind, quantity, reason)
     SELECT id, balance, 'grant', balance, 'bench grant' FROM quota_accounts ORDER BY id`,
  );
  await sql.query('COMMIT');

  return period;
}
