import type { Client } from 'pg';

/** Family `i` (1-based): governorate `1 + i % 14`, `1 + i % 9` members. */
const FAMILY_ID = `'FAM-SY' || lpad((1 + i % 14)::text, 2, '0') || '-' || lpad(i::text, 8, '0')`;

const GOVERNORATE = `'SY' || lpad((1 + i % 14)::text, 2, '0')`;

/** Head of family `i`: a valid national number of the family's governorate, serial `i * 10`. */
const HEAD_NUMBER = `pg_temp.national_number(1 + i % 14, i * 10)`;

/**
 * Member `k` of family `i`: the head's number for `k = 0`, else a unique number starting with 2,
 * which no valid national number does, so the two kinds never collide.
 */
const MEMBER_NUMBER = `CASE WHEN k = 0 THEN ${HEAD_NUMBER} ELSE (20000000000 + i * 10 + k)::text END`;

/** Governorate number, eight serial digits and the Luhn check digit, as libs/contracts builds them. */
const NATIONAL_NUMBER_FUNCTION = `
  CREATE FUNCTION pg_temp.national_number(governorate int, serial bigint) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
    WITH body AS (SELECT lpad(governorate::text, 2, '0') || lpad(serial::text, 8, '0') AS digits)
    SELECT digits || ((10 - sum(CASE WHEN (10 - position) % 2 = 0
                                     THEN (2 * digit) - CASE WHEN digit > 4 THEN 9 ELSE 0 END
                                     ELSE digit END) % 10) % 10)::text
    FROM body, LATERAL (SELECT position, substr(digits, position, 1)::int AS digit
                        FROM generate_series(1, 10) AS position) AS each_digit
    GROUP BY digits
  $$`;

export interface SeedCounts {
  families: number;
  members: number;
  redemptions: number;
  vehicles: number;
}

async function count(sql: Client, table: string): Promise<number> {
  const result = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);

  return result.rows[0]?.n ?? 0;
}

/**
 * Writes a synthetic population with plain INSERT ... SELECT statements: `families` families of
 * 1 to 9 members (one in 50 has a dead member), a vehicle for every fourth head (classes in
 * turn), and one gas-cylinder redemption for every second family over the 365 days before `today`.
 * Every 1,000th of those cards is read again 10 minutes later at a station of another
 * governorate, so the far-apart report has pairs to find.
 */
export async function seedPopulation(
  sql: Client,
  families: number,
  today: string,
  progress: (step: string) => void,
): Promise<SeedCounts> {
  await sql.query(NATIONAL_NUMBER_FUNCTION);
  await sql.query(`
    INSERT INTO families (family_id, governorate, head_national_number, version)
    SELECT ${FAMILY_ID}, ${GOVERNORATE}, ${HEAD_NUMBER}, 1
    FROM generate_series(1, ${families}) AS i`);
  progress('families');
  await sql.query(`
    INSERT INTO family_members (family_id, national_number, alive, birth_date, role)
    SELECT ${FAMILY_ID}, ${MEMBER_NUMBER}, NOT (k = 1 AND i % 50 = 0), DATE '1980-01-01',
           CASE WHEN k = 0 THEN 'head' ELSE 'child' END
    FROM generate_series(1, ${families}) AS i, generate_series(0, i % 9) AS k`);
  progress('members');
  await sql.query(`
    INSERT INTO vehicles (plate, vehicle_class, owner_national_number)
    SELECT 'BENCH-' || i, (ARRAY['motorcycle', 'private-car', 'taxi'])[1 + i % 3]::vehicle_class,
           ${HEAD_NUMBER}
    FROM generate_series(4, ${families}, 4) AS i`);
  progress('vehicles');
  await seedRedemptions(sql, families, today);
  progress('redemptions');
  await sql.query('ANALYZE');

  return {
    families: await count(sql, 'families'),
    members: await count(sql, 'family_members'),
    redemptions: await count(sql, 'redemptions'),
    vehicles: await count(sql, 'vehicles'),
  };
}

async function seedRedemptions(sql: Client, families: number, today: string): Promise<void> {
  const policy = await sql.query<{ id: number }>(
    `SELECT id FROM policies WHERE product_code = 'gas-cylinder' ORDER BY version DESC LIMIT 1`,
  );

  await sql.query(
    `INSERT INTO quota_accounts (family_id, product_code, policy_id, period_start, period_end,
                                 granted, balance)
     SELECT ${FAMILY_ID}, 'gas-cylinder', $1, $2::date - 30, $2::date, 2, 0
     FROM generate_series(2, ${families}, 2) AS i`,
    [policy.rows[0]?.id, today],
  );

  const redemption = (extra: string, at: string, station: string) => `
    INSERT INTO redemptions (id, account_id, amount_piastres, balance_after, card_number,
                             family_id, idempotency_key, price_piastres, product_code, quantity,
                             recorded_at, request_hash, station_id, unit)
    SELECT gen_random_uuid(), a.id, 970000, 0, (9760000000000000 + i)::text, a.family_id,
           'bench-${extra}-' || i, 970000, 'gas-cylinder', 1, ${at}, 'bench', ${station},
           'cylinder'
    FROM generate_series(2, ${families}, 2) AS i
    JOIN quota_accounts a ON a.family_id = ${FAMILY_ID} AND a.product_code = 'gas-cylinder'`;
  const first = `($1::date - (i % 365) + time '09:00' + (i % 480) * interval '1 minute')
                   AT TIME ZONE 'Asia/Damascus'`;

  await sql.query(redemption('a', first, `'ST-' || ${GOVERNORATE} || '-001'`), [today]);
  await sql.query(
    `${redemption('b', `${first} + interval '10 minutes'`, `'ST-SY' || lpad((1 + (i + 5) % 14)::text, 2, '0') || '-002'`)}
     WHERE i % 1000 = 0`,
    [today],
  );
}
