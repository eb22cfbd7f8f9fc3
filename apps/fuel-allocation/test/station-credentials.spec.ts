import { randomUUID } from 'node:crypto';

import { startFuelService, type FuelTestService } from './support/fuel-service';
import { errorOf, getJson, postJson } from './support/http';
import { countRows } from './support/ledger-checks';
import { givenFamilyWithCard, type FamilyWithCard } from './support/scenario';

describe('station credentials', () => {
  let fuel: FuelTestService;
  let customer: FamilyWithCard;

  beforeAll(async () => {
    fuel = await startFuelService('station_keys');
    customer = await givenFamilyWithCard(fuel, 1);
  }, 120_000);

  afterAll(async () => {
    await fuel?.close();
  });

  function redemption(stationId: string) {
    return {
      cardNumber: customer.card.cardNumber,
      idempotencyKey: `key-${randomUUID()}`,
      productCode: 'diesel-heating',
      quantity: 1_000,
      stationId,
    };
  }

  function redeem(body: unknown, authorization?: string) {
    return postJson(
      `${fuel.url}/redemptions`,
      body,
      authorization === undefined ? {} : { authorization },
    );
  }

  async function issueKey(stationId: string): Promise<string> {
    const result = await postJson<{ stationKey: string }>(
      `${fuel.url}/stations/${stationId}/keys`,
      {},
    );

    expect(result.status).toBe(201);

    return result.body.stationKey;
  }

  it('new station gets its key once', async () => {
    const created = await postJson<{ stationKey: string }>(`${fuel.url}/stations`, {
      governorate: 'SY04',
      name: 'Homs test station',
      stationId: 'ST-SY04-KEY',
    });
    const listed = await getJson<Record<string, unknown>[]>(`${fuel.url}/stations`);
    const stored = await fuel.sql.query<{ key_hash: string }>(
      `SELECT key_hash FROM stations WHERE id = 'ST-SY04-KEY'`,
    );

    expect(created.status).toBe(201);
    expect(created.body.stationKey).toMatch(/^bsk_[A-Za-z0-9_-]{43}$/);
    expect(listed.body.find((station) => station.stationId === 'ST-SY04-KEY')).toEqual({
      governorate: 'SY04',
      hasKey: true,
      name: 'Homs test station',
      stationId: 'ST-SY04-KEY',
    });
    expect(stored.rows[0]?.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored.rows)).not.toContain(created.body.stationKey);
    expect(
      (await redeem(redemption('ST-SY04-KEY'), `Bearer ${created.body.stationKey}`)).status,
    ).toBe(200);
  });

  it.each([
    ['no header', undefined, 'STATION_KEY_MISSING'],
    ['another scheme', 'Basic dXNlcjpwYXNz', 'STATION_KEY_MISSING'],
    ['unknown key', 'Bearer bsk_unknown', 'STATION_KEY_INVALID'],
  ])('%s is 401', async (_label, authorization, code) => {
    const before = await countRows(fuel.sql, 'redemptions');
    const result = await redeem(redemption('ST-SY01-001'), authorization);

    expect(result.status).toBe(401);
    expect(errorOf(result)).toMatchObject({ code, field: 'authorization' });
    expect(await countRows(fuel.sql, 'redemptions')).toBe(before);
  });

  it('key of another station is 403', async () => {
    const key = await issueKey('ST-SY02-001');
    const result = await redeem(redemption('ST-SY01-001'), `Bearer ${key}`);

    expect(result.status).toBe(403);
    expect(errorOf(result)).toMatchObject({
      code: 'STATION_MISMATCH',
      field: 'stationId',
      value: 'ST-SY01-001',
    });
  });

  it('new key replaces the old', async () => {
    const old = await issueKey('ST-SY03-001');
    const current = await issueKey('ST-SY03-001');
    const withOld = await redeem(redemption('ST-SY03-001'), `Bearer ${old}`);
    const withCurrent = await redeem(redemption('ST-SY03-001'), `Bearer ${current}`);

    expect(withOld.status).toBe(401);
    expect(errorOf(withOld).code).toBe('STATION_KEY_INVALID');
    expect(withCurrent.status).toBe(200);
  });

  it('unknown station key request is 404', async () => {
    const result = await postJson(`${fuel.url}/stations/ST-NOWHERE/keys`, {});

    expect(result.status).toBe(404);
    expect(errorOf(result).code).toBe('STATION_NOT_FOUND');
  });
});
