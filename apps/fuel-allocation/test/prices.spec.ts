import { randomUUID } from 'node:crypto';

import { CatalogueRefreshLifecycle } from '../src/catalogue/catalogue-refresh.lifecycle';

import { startFuelService, type FuelTestService } from './support/fuel-service';
import { errorOf, getJson, postJson } from './support/http';
import { postRedemption } from './support/redemption-client';
import { givenFamilyWithCard } from './support/scenario';
import { readUntil } from './support/topic-reader';

interface PriceBody {
  effectiveFrom: string;
  inForce: boolean;
  kind: string;
  pricePiastres: number;
}

describe('price versions', () => {
  let fuel: FuelTestService;

  beforeAll(async () => {
    fuel = await startFuelService('prices');
  }, 120_000);

  afterAll(async () => {
    await fuel?.close();
  });

  function addPrice(productCode: string, body: Record<string, unknown>) {
    return postJson<PriceBody>(`${fuel.url}/products/${productCode}/prices`, {
      source: 'test: ministry decision',
      ...body,
    });
  }

  it('history lists both kinds', async () => {
    const history = await getJson<PriceBody[]>(`${fuel.url}/products/gasoline-90/prices`);
    const inForce = history.body.filter((price) => price.inForce);

    expect(history.status).toBe(200);
    expect(inForce).toEqual([
      expect.objectContaining({
        effectiveFrom: '2022-08-06',
        kind: 'free',
        pricePiastres: 400_000,
      }),
      expect.objectContaining({ kind: 'subsidized', pricePiastres: 250_000 }),
    ]);

    const free = await getJson<PriceBody[]>(`${fuel.url}/products/gasoline-90/prices?kind=free`);

    expect(free.body.every((price) => price.kind === 'free')).toBe(true);
  });

  it('past date rejected', async () => {
    const result = await addPrice('gas-cylinder', {
      effectiveFrom: '2026-11-14',
      pricePiastres: 1_000_000,
    });

    expect(result.status).toBe(422);
    expect(errorOf(result)).toMatchObject({
      code: 'EFFECTIVE_DATE_IN_PAST',
      field: 'effectiveFrom',
    });
  });

  it('same date twice rejected', async () => {
    const body = { effectiveFrom: '2027-03-01', kind: 'free', pricePiastres: 3_500_000 };

    expect((await addPrice('gas-cylinder', body)).status).toBe(201);

    const again = await addPrice('gas-cylinder', { ...body, pricePiastres: 1 });

    expect(again.status).toBe(409);
    expect(errorOf(again).code).toBe('PRICE_VERSION_EXISTS');
  });

  it.each([
    ['pricePiastres', -1],
    ['pricePiastres', 1.5],
    ['effectiveFrom', '2026-13-01'],
    ['kind', 'discounted'],
  ])('%s = %p rejected', async (field, value) => {
    const result = await addPrice('gas-cylinder', {
      effectiveFrom: '2027-01-01',
      pricePiastres: 1_000_000,
      [field]: value,
    });

    expect(result.status).toBe(400);
    expect(errorOf(result)).toMatchObject({ code: 'VALIDATION_FAILED', field });
  });

  it('unknown product rejected', async () => {
    const result = await addPrice('kerosene', { effectiveFrom: '2027-01-01', pricePiastres: 1 });

    expect(result.status).toBe(400);
    expect(errorOf(result).field).toBe('productCode');
  });

  it('redemption priced by day', async () => {
    const { card } = await givenFamilyWithCard(fuel, 1);
    const added = await addPrice('diesel-heating', {
      effectiveFrom: '2026-11-16',
      pricePiastres: 250_000,
    });
    const redeem = () =>
      postRedemption<{ amountPiastres: number; pricePiastres: number }>(fuel, {
        cardNumber: card.cardNumber,
        idempotencyKey: `price-${randomUUID()}`,
        productCode: 'diesel-heating',
        quantity: 2_000,
        stationId: 'ST-SY01-001',
      });

    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ inForce: false, kind: 'subsidized' });
    expect((await redeem()).body).toMatchObject({
      amountPiastres: 340_000,
      pricePiastres: 170_000,
    });

    fuel.clock.advanceDays(1);

    try {
      expect((await redeem()).body).toMatchObject({
        amountPiastres: 500_000,
        pricePiastres: 250_000,
      });
    } finally {
      fuel.clock.advanceDays(-1);
    }
  });

  it('price change republished', async () => {
    await addPrice('gas-cylinder', { effectiveFrom: '2026-11-20', pricePiastres: 1_200_000 });
    fuel.clock.advanceDays(5);

    try {
      await fuel.service.app.get(CatalogueRefreshLifecycle).refresh();

      const messages = await readUntil(`${fuel.prefix}fuel.policies`, (read) =>
        read.some((message) => message.value.pricePiastres === 1_200_000),
      );
      const gas = messages.filter((message) => message.key === 'gas-cylinder');

      expect(gas.map((message) => message.value.pricePiastres)).toEqual([970_000, 1_200_000]);
      expect(gas.at(-1)?.value).toMatchObject({ periodDays: 23, policyVersion: 1 });

      // A second refresh publishes nothing new.
      await fuel.service.app.get(CatalogueRefreshLifecycle).refresh();

      const rows = await fuel.sql.query(
        `SELECT 1 FROM outbox_events WHERE event_type = 'sy.gov.fuel.policy-published.v1'
         AND message_key = 'gas-cylinder'`,
      );

      expect(rows.rowCount).toBe(2);
    } finally {
      fuel.clock.advanceDays(-5);
    }
  });

  it('recorded prices never edited', async () => {
    await expect(fuel.sql.query('UPDATE product_prices SET price_piastres = 1')).rejects.toThrow(
      /append-only/,
    );
    await expect(fuel.sql.query('DELETE FROM product_free_prices')).rejects.toThrow(/append-only/);
  });
});
