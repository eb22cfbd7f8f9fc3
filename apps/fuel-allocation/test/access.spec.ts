import { randomUUID } from 'node:crypto';

import { testAuthorization } from '@bitaqa/testing';

import { startFuelService, type FuelTestService } from './support/fuel-service';
import { errorOf, getJson, postJson, type HttpResult } from './support/http';
import { countRows } from './support/ledger-checks';
import { stationAuthorization } from './support/redemption-client';
import { routeTable, type RouteAccess } from './support/route-table';
import { givenFamilyWithCard, type FamilyWithCard } from './support/scenario';

/** Who may call each route; a new route fails this table until its access is decided. */
const EXPECTED_ACCESS: RouteAccess[] = Object.entries({
  'GET /cards/:cardNumber/entitlements': 'fuel:read',
  'GET /distributors': 'fuel:read',
  'GET /distributors/:distributorId': 'fuel:read',
  'GET /distributors/:distributorId/turns': 'fuel:read',
  'GET /families/:familyId/entitlements': 'fuel:read',
  'GET /families/:familyId/turns': 'fuel:read',
  'GET /health': 'public',
  'GET /legacy-imports/:id': 'fuel:operate',
  'GET /legacy-imports/:id/rejections': 'fuel:operate',
  'GET /policies': 'fuel:read',
  'GET /products': 'fuel:read',
  'GET /products/:productCode/prices': 'fuel:read',
  'GET /reports/exclusions': 'fuel:read',
  'GET /reports/far-apart-redemptions': 'fuel:read',
  'GET /reports/spend': 'fuel:read',
  'GET /stations': 'fuel:read',
  'GET /stats': 'fuel:read',
  'POST /distributors': 'fuel:operate',
  'POST /distributors/:distributorId/schedule': 'fuel:operate',
  'POST /families/:familyId/turns': 'fuel:operate',
  'POST /families/:familyId/turns/:turnId/cancellation': 'fuel:operate',
  'POST /legacy-imports': 'fuel:operate',
  'POST /policies': 'fuel:operate',
  'POST /policies/what-if': 'fuel:read',
  'POST /products/:productCode/prices': 'fuel:operate',
  'POST /redemptions': 'fuel:redeem',
  'POST /redemptions/:id/reversal': 'fuel:redeem',
  'POST /stations': 'fuel:operate',
  'POST /vehicles': 'fuel:operate',
  'PUT /distributors/:distributorId/products/:productCode': 'fuel:operate',
}).map(([route, access]) => ({ access, route }));

function token(scopes: string[], kind: 'app' | 'operator' | 'station' = 'operator') {
  return testAuthorization({ audience: 'fuel-allocation', kind, scopes });
}

describe('access tokens and scopes', () => {
  let fuel: FuelTestService;
  let customer: FamilyWithCard;

  beforeAll(async () => {
    fuel = await startFuelService('access');
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

  function redeem(body: unknown, authorization: string): Promise<HttpResult> {
    return postJson(`${fuel.url}/redemptions`, body, { authorization });
  }

  function expectRejected(result: HttpResult, status: number, code: string): void {
    expect(result.status).toBe(status);
    expect(errorOf(result).code).toBe(code);
  }

  it('every route public or scoped', () => {
    const byRoute = (a: RouteAccess, b: RouteAccess) => a.route.localeCompare(b.route);

    expect(routeTable(fuel.service.app)).toEqual([...EXPECTED_ACCESS].sort(byRoute));
  });

  it('every scoped route needs a token', async () => {
    for (const { access, route } of EXPECTED_ACCESS) {
      const [method, path] = route.split(' ') as [string, string];
      const url = `${fuel.url}${path.replace(/:[A-Za-z]+/g, 'x1')}`;
      const response = await fetch(url, { method });
      const body = (await response.json()) as { error?: { code?: string } };

      if (access === 'public') {
        expect({ route, status: response.status }).toEqual({ route, status: 200 });
      } else {
        expect({ code: body.error?.code, route }).toEqual({ code: 'TOKEN_MISSING', route });
      }
    }
  });

  it('station redeems with its own token', async () => {
    const result = await redeem(
      redemption('ST-SY01-001'),
      await stationAuthorization('ST-SY01-001'),
    );

    expect(result.status).toBe(200);
  });

  it('station token for another station refused', async () => {
    const before = await countRows(fuel.sql, 'redemptions');
    const result = await redeem(
      redemption('ST-SY01-001'),
      await stationAuthorization('ST-SY02-001'),
    );

    expectRejected(result, 403, 'STATION_MISMATCH');
    expect(errorOf(result)).toMatchObject({ field: 'stationId', value: 'ST-SY01-001' });
    expect(await countRows(fuel.sql, 'redemptions')).toBe(before);
  });

  it('operator cannot redeem without fuel:redeem', async () => {
    const result = await redeem(
      redemption('ST-SY01-001'),
      await token(['fuel:operate', 'fuel:read']),
    );

    expectRejected(result, 403, 'SCOPE_MISSING');
    expect(errorOf(result).value).toEqual(['fuel:redeem']);
  });

  it('fuel:redeem without a station refused', async () => {
    const operator = await redeem(redemption('ST-SY01-001'), await token(['fuel:redeem']));
    const stationless = await redeem(
      redemption('ST-SY01-001'),
      await token(['fuel:redeem'], 'station'),
    );

    expectRejected(operator, 403, 'STATION_TOKEN_REQUIRED');
    expectRejected(stationless, 403, 'STATION_TOKEN_REQUIRED');
  });

  it('unregistered station rejected', async () => {
    const result = await redeem(
      redemption('ST-SY01-777'),
      await stationAuthorization('ST-SY01-777'),
    );

    expectRejected(result, 422, 'STATION_NOT_FOUND');
    expect(errorOf(result)).toMatchObject({ field: 'stationId', value: 'ST-SY01-777' });
  });

  it.each([
    ['no header', undefined, 'TOKEN_MISSING'],
    ['basic scheme', 'Basic dXNlcjpwYXNz', 'TOKEN_MALFORMED'],
    ['old station key', 'Bearer bsk_0123456789abcdef', 'TOKEN_MALFORMED'],
  ])('%s is 401', async (_label, authorization, code) => {
    const before = await countRows(fuel.sql, 'redemptions');
    const response = await fetch(`${fuel.url}/redemptions`, {
      body: JSON.stringify(redemption('ST-SY01-001')),
      headers: {
        'content-type': 'application/json',
        ...(authorization === undefined ? {} : { authorization }),
      },
      method: 'POST',
    });
    const body = (await response.json()) as { error: { code: string; field: string } };

    expect(response.status).toBe(401);
    expect(body.error).toMatchObject({ code, field: 'authorization' });
    expect(await countRows(fuel.sql, 'redemptions')).toBe(before);
  });

  it('token for another service is 401', async () => {
    const elsewhere = await testAuthorization({
      audience: 'identity-registry',
      kind: 'station',
      scopes: ['fuel:redeem'],
      stationCode: 'ST-SY01-001',
    });
    const result = await redeem(redemption('ST-SY01-001'), elsewhere);

    expectRejected(result, 401, 'TOKEN_CLAIM_INVALID');
  });

  it('read token cannot change prices', async () => {
    const reader = await token(['fuel:read']);
    const price = {
      effectiveFrom: '2026-12-01',
      pricePiastres: 99_999,
      source: 'test: refused change',
    };
    const before = await countRows(fuel.sql, 'product_prices');
    const change = await postJson(`${fuel.url}/products/diesel-heating/prices`, price, {
      authorization: reader,
    });
    const read = await getJson(`${fuel.url}/products/diesel-heating/prices`, {
      authorization: reader,
    });

    expectRejected(change, 403, 'SCOPE_MISSING');
    expect(errorOf(change).value).toEqual(['fuel:operate']);
    expect(read.status).toBe(200);
    expect(await countRows(fuel.sql, 'product_prices')).toBe(before);
  });

  it('station token cannot read reports', async () => {
    const result = await getJson(`${fuel.url}/reports/spend?from=2026-11-01&to=2026-11-15`, {
      authorization: await stationAuthorization('ST-SY01-001'),
    });

    expectRejected(result, 403, 'SCOPE_MISSING');
  });

  it('new station has no key', async () => {
    const created = await postJson(`${fuel.url}/stations`, {
      governorate: 'SY04',
      name: 'Homs test station',
      stationId: 'ST-SY04-TOK',
    });
    const columns = await fuel.sql.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'stations'`,
    );

    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      governorate: 'SY04',
      name: 'Homs test station',
      stationId: 'ST-SY04-TOK',
    });
    expect(columns.rows.map((row) => row.column_name)).not.toContain('key_hash');
    expect(
      (await redeem(redemption('ST-SY04-TOK'), await stationAuthorization('ST-SY04-TOK'))).status,
    ).toBe(200);
  });
});
