import { randomUUID } from 'node:crypto';

import { startFuelService, type FuelTestService } from './support/fuel-service';
import { errorOf, type HttpResult } from './support/http';
import { countRows, familyBalance, ledgerMismatches } from './support/ledger-checks';
import { postRedemption } from './support/redemption-client';
import { givenFamilyWithCard } from './support/scenario';

/** Ten seeded stations across five governorates. */
const STATIONS = ['SY01', 'SY02', 'SY03', 'SY04', 'SY05'].flatMap((governorate) => [
  `ST-${governorate}-001`,
  `ST-${governorate}-002`,
]);

interface RedemptionBody {
  balanceAfter: number;
  redemptionId: string;
}

describe('concurrent redemptions', () => {
  let fuel: FuelTestService;

  beforeAll(async () => {
    fuel = await startFuelService('concurrency');
  }, 120_000);

  afterAll(async () => {
    await fuel?.close();
  });

  function redeem(body: Record<string, unknown>): Promise<HttpResult<RedemptionBody>> {
    return postRedemption<RedemptionBody>(fuel, body);
  }

  async function redemptionEvents(familyId: string): Promise<number> {
    const result = await fuel.sql.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM outbox_events
       WHERE event_type = 'sy.gov.fuel.redemption-recorded.v1' AND payload->>'familyId' = $1`,
      [familyId],
    );

    return result.rows[0]?.count ?? 0;
  }

  it('200 requests from 10 stations', async () => {
    // 50 L of heating diesel; 3 L per request fits 16 times and leaves 2 L.
    const { card, family } = await givenFamilyWithCard(fuel, 1);
    const requests = Array.from({ length: 200 }, (_, index) => ({
      cardNumber: card.cardNumber,
      idempotencyKey: `pump-${randomUUID()}`,
      productCode: 'diesel-heating',
      quantity: 3_000,
      stationId: STATIONS[index % STATIONS.length],
    }));
    const started = Date.now();
    const results = await Promise.all(requests.map((request) => redeem(request)));
    const elapsedMs = Date.now() - started;
    const succeeded = results.filter((result) => result.status === 200);
    const rejected = results.filter((result) => result.status !== 200);

    expect(succeeded).toHaveLength(16);
    expect(rejected).toHaveLength(184);
    expect(new Set(rejected.map((result) => errorOf(result).code))).toEqual(
      new Set(['QUOTA_EXCEEDED']),
    );
    expect(succeeded.map((result) => result.body.balanceAfter).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 16 }, (_, index) => 2_000 + index * 3_000),
    );
    expect(await familyBalance(fuel.sql, family.familyId, 'diesel-heating')).toEqual({
      balance: 2_000,
      granted: 50_000,
    });
    expect(await redemptionEvents(family.familyId)).toBe(16);
    expect(await ledgerMismatches(fuel.sql)).toEqual([]);
    // Printed so a slowdown shows in the test output; the time depends on the machine.
    console.info(`200 concurrent redemptions took ${elapsedMs} ms`);
  });

  it('duplicated keys racing debit once', async () => {
    const { card, family } = await givenFamilyWithCard(fuel, 1);
    const keys = Array.from({ length: 20 }, () => `retry-${randomUUID()}`);
    const requests = keys.flatMap((idempotencyKey, index) =>
      Array.from({ length: 5 }, () => ({
        cardNumber: card.cardNumber,
        idempotencyKey,
        productCode: 'diesel-heating',
        quantity: 1_000,
        stationId: STATIONS[index % STATIONS.length],
      })),
    );
    const redemptionsBefore = await countRows(fuel.sql, 'redemptions');
    const results = await Promise.all(requests.map((request) => redeem(request)));

    expect(results.map((result) => result.status)).toEqual(requests.map(() => 200));

    for (const [index] of keys.entries()) {
      const answers = results.slice(index * 5, index * 5 + 5).map((result) => result.body);

      expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    }

    const replayed = results.filter(
      (result) => result.headers.get('idempotent-replayed') === 'true',
    );

    expect(replayed).toHaveLength(80);
    expect(new Set(results.map((result) => result.body.redemptionId)).size).toBe(20);
    expect((await countRows(fuel.sql, 'redemptions')) - redemptionsBefore).toBe(20);
    expect(await familyBalance(fuel.sql, family.familyId, 'diesel-heating')).toEqual({
      balance: 30_000,
      granted: 50_000,
    });
    expect(await redemptionEvents(family.familyId)).toBe(20);
    expect(await ledgerMismatches(fuel.sql)).toEqual([]);
  });

  it('same key from two stations debits once', async () => {
    const { card, family } = await givenFamilyWithCard(fuel, 1);
    const request = {
      cardNumber: card.cardNumber,
      idempotencyKey: `shared-${randomUUID()}`,
      productCode: 'diesel-heating',
      quantity: 4_000,
    };
    const results = await Promise.all(
      STATIONS.slice(0, 2).flatMap((stationId) =>
        Array.from({ length: 5 }, () => redeem({ ...request, stationId })),
      ),
    );
    const statuses = results.map((result) => result.status).sort();

    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    expect(statuses.filter((status) => status === 409)).toHaveLength(5);
    expect(await familyBalance(fuel.sql, family.familyId, 'diesel-heating')).toEqual({
      balance: 46_000,
      granted: 50_000,
    });
  });
});
