import { errorOf, getJson, postJson } from './support/http';
import { countRows } from './support/ledger-checks';
import { putJson, startTurnsService, type TurnsTestService } from './support/turns-scenario';

interface DistributorBody {
  distributorId: string;
  governorate: string;
  name: string;
  products: {
    dailyCapacity: number;
    notified: number;
    productCode: string;
    unit: string;
    waiting: number;
  }[];
  stationId: string;
}

describe('distributors', () => {
  let turns: TurnsTestService;
  let url: string;

  function validRequest(distributorId: string): Record<string, unknown> {
    return {
      distributorId,
      governorate: 'SY01',
      name: 'معتمد غاز المزة',
      products: [
        { dailyCapacity: 120, productCode: 'gas-cylinder' },
        { dailyCapacity: 2_000_000, productCode: 'diesel-heating' },
      ],
      stationId: 'ST-SY01-002',
    };
  }

  beforeAll(async () => {
    turns = await startTurnsService('distributors');
    url = turns.fuel.url;
  }, 120_000);

  afterAll(async () => {
    await turns?.close();
  });

  it('create then get and list', async () => {
    const created = await postJson<DistributorBody>(`${url}/distributors`, validRequest('DS-A-1'));

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      distributorId: 'DS-A-1',
      governorate: 'SY01',
      name: 'معتمد غاز المزة',
      stationId: 'ST-SY01-002',
    });
    expect(created.body.products).toEqual([
      {
        dailyCapacity: 2_000_000,
        notified: 0,
        productCode: 'diesel-heating',
        unit: 'ml',
        waiting: 0,
      },
      {
        dailyCapacity: 120,
        notified: 0,
        productCode: 'gas-cylinder',
        unit: 'cylinder',
        waiting: 0,
      },
    ]);

    const fetched = await getJson<DistributorBody>(`${url}/distributors/DS-A-1`);

    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(created.body);

    const listed = await getJson<DistributorBody[]>(`${url}/distributors?governorate=SY01`);

    expect(listed.body.map((distributor) => distributor.distributorId)).toContain('DS-A-1');

    const elsewhere = await getJson<DistributorBody[]>(`${url}/distributors?governorate=SY02`);

    expect(elsewhere.body.map((distributor) => distributor.distributorId)).not.toContain('DS-A-1');
  });

  it('capacity update and new product', async () => {
    await postJson(`${url}/distributors`, {
      ...validRequest('DS-A-2'),
      products: [{ dailyCapacity: 50, productCode: 'gas-cylinder' }],
    });

    const changed = await putJson<DistributorBody>(
      `${url}/distributors/DS-A-2/products/gas-cylinder`,
      { dailyCapacity: 80 },
    );
    const added = await putJson<DistributorBody>(
      `${url}/distributors/DS-A-2/products/diesel-heating`,
      { dailyCapacity: 500_000 },
    );

    expect(changed.status).toBe(200);
    expect(changed.body.products).toEqual([
      expect.objectContaining({ dailyCapacity: 80, productCode: 'gas-cylinder' }),
    ]);
    expect(added.body.products.map((product) => product.productCode)).toEqual([
      'diesel-heating',
      'gas-cylinder',
    ]);
  });

  it('existing id conflicts', async () => {
    await postJson(`${url}/distributors`, validRequest('DS-A-3'));

    const again = await postJson(`${url}/distributors`, validRequest('DS-A-3'));

    expect(again.status).toBe(409);
    expect(errorOf(again)).toMatchObject({ code: 'DISTRIBUTOR_EXISTS', field: 'distributorId' });
  });

  it.each([
    ['unknown station', { stationId: 'ST-NOPE' }, 'STATION_NOT_FOUND', 'stationId'],
    ['station elsewhere', { stationId: 'ST-SY02-001' }, 'GOVERNORATE_MISMATCH', 'stationId'],
    [
      'vehicle product',
      { products: [{ dailyCapacity: 10, productCode: 'gasoline-90' }] },
      'PRODUCT_NOT_RATIONED',
      'products.0.productCode',
    ],
  ])('%s rejected with 422', async (_case, change, code, field) => {
    const before = await countRows(turns.fuel.sql, 'distributors');
    const result = await postJson(`${url}/distributors`, { ...validRequest('DS-BAD'), ...change });

    expect(result.status).toBe(422);
    expect(errorOf(result)).toMatchObject({ code, field });
    expect(await countRows(turns.fuel.sql, 'distributors')).toBe(before);
  });

  it.each([
    ['bad id', { distributorId: 'no spaces allowed' }, 'distributorId'],
    ['bad governorate', { governorate: 'SY15' }, 'governorate'],
    ['empty name', { name: '  ' }, 'name'],
    ['no products', { products: [] }, 'products'],
    [
      'product twice',
      {
        products: [
          { dailyCapacity: 1, productCode: 'gas-cylinder' },
          { dailyCapacity: 2, productCode: 'gas-cylinder' },
        ],
      },
      'products.1.productCode',
    ],
    [
      'zero capacity',
      { products: [{ dailyCapacity: 0, productCode: 'gas-cylinder' }] },
      'products.0.dailyCapacity',
    ],
    [
      'fractional capacity',
      { products: [{ dailyCapacity: 1.5, productCode: 'gas-cylinder' }] },
      'products.0.dailyCapacity',
    ],
    [
      'unknown product',
      { products: [{ dailyCapacity: 1, productCode: 'kerosene' }] },
      'products.0.productCode',
    ],
    ['unknown key', { colour: 'red' }, 'colour'],
  ])('%s rejected with 400', async (_case, change, field) => {
    const result = await postJson(`${url}/distributors`, { ...validRequest('DS-BAD'), ...change });

    expect(result.status).toBe(400);
    expect(errorOf(result)).toMatchObject({ code: 'VALIDATION_FAILED', field });
  });

  it('unknown distributor is 404', async () => {
    const fetched = await getJson(`${url}/distributors/DS-NONE`);
    const capacity = await putJson(`${url}/distributors/DS-NONE/products/gas-cylinder`, {
      dailyCapacity: 5,
    });
    const turnsList = await getJson(`${url}/distributors/DS-NONE/turns`);

    expect(fetched.status).toBe(404);
    expect(errorOf(fetched).code).toBe('DISTRIBUTOR_NOT_FOUND');
    expect(capacity.status).toBe(404);
    expect(turnsList.status).toBe(404);
  });

  it('capacity body checked', async () => {
    const result = await putJson(`${url}/distributors/DS-A-1/products/gas-cylinder`, {
      dailyCapacity: -3,
    });
    const product = await putJson(`${url}/distributors/DS-A-1/products/gasoline-95`, {
      dailyCapacity: 3,
    });

    expect(result.status).toBe(400);
    expect(errorOf(result).field).toBe('dailyCapacity');
    expect(product.status).toBe(422);
    expect(errorOf(product).code).toBe('PRODUCT_NOT_RATIONED');
  });
});
