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

  it('1000 requests from 20 stations', async () => {
    // 50 L of heating diesel at 700 mL a request: floor(50,000 / 700) = 71 fit, 300 mL remain.
    const { card, family } = await givenFamilyWithCard(fuel, 1);
    const stations = ['SY06', 'SY07', 'SY08', 'SY09', 'SY10'].flatMap((governorate) =>
      ['001', '002', '003'].map((number) => `ST-${governorate}-${number}`),
    );
    const allStations = [...STATIONS.slice(0, 5), ...stations];
    // Each station sends its 50 requests one after another, as one pump does.
    const perStation = await Promise.all(
      allStations.map(async (stationId) => {
        const results: HttpResult<RedemptionBody>[] = [];

        for (let index = 0; index < 50; index += 1) {
          results.push(
            await redeem({
              cardNumber: card.cardNumber,
              idempotencyKey: `burst-${randomUUID()}`,
              productCode: 'diesel-heating',
              quantity: 700,
              stationId,
            }),
          );
        }

        return results;
      }),
    );
    const results = perStation.flat();
    const succeeded = results.filter((result) => result.status === 200);

    expect(allStations).toHaveLength(20);
    expect(results).toHaveLength(1_000);
    expect(succeeded).toHaveLength(Math.floor(50_000 / 700));
    expect(
      new Set(results.filter((result) => result.status !== 200).map((r) => errorOf(r).code)),
    ).toEqual(new Set(['QUOTA_EXCEEDED']));
    expect(await familyBalance(fuel.sql, family.familyId, 'diesel-heating')).toEqual({
      balance: 300,
      granted: 50_000,
    });
    expect(await redemptionEvents(family.familyId)).toBe(71);
    expect(await ledgerMismatches(fuel.sql)).toEqual([]);
  }, 120_000);

  it('retries after a lost response debit once', async () => {
    const { card, family } = await givenFamilyWithCard(fuel, 1);
    const request = {
      cardNumber: card.cardNumber,
      idempotencyKey: `lost-${randomUUID()}`,
      productCode: 'diesel-heating',
      quantity: 5_000,
      stationId: STATIONS[0],
    };
    const first = await redeem(request);
    const retries = [];

    for (let attempt = 0; attempt < 5; attempt += 1) retries.push(await redeem(request));

    expect(first.status).toBe(200);
    expect(retries.map((retry) => retry.headers.get('idempotent-replayed'))).toEqual(
      Array.from({ length: 5 }, () => 'true'),
    );
    expect(retries.map((retry) => retry.body)).toEqual(retries.map(() => first.body));
    expect(await familyBalance(fuel.sql, family.familyId, 'diesel-heating')).toEqual({
      balance: 45_000,
      granted: 50_000,
    });
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
