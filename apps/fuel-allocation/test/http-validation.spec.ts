import { randomUUID } from 'node:crypto';

import { startFuelService, type FuelTestService } from './support/fuel-service';
import { errorOf, getJson, postJson, type HttpResult } from './support/http';
import { countRows } from './support/ledger-checks';
import { stationAuthorization } from './support/redemption-client';
import { givenFamilyWithCard, type FamilyWithCard } from './support/scenario';

const COUNTED_TABLES = ['ledger_entries', 'outbox_events', 'redemptions', 'stations', 'vehicles'];

describe('http input validation', () => {
  let fuel: FuelTestService;
  let customer: FamilyWithCard;
  let before: Record<string, number>;
  let station: Record<string, string>;

  async function counts(): Promise<Record<string, number>> {
    const result: Record<string, number> = {};

    for (const table of COUNTED_TABLES) result[table] = await countRows(fuel.sql, table);

    return result;
  }

  function validRedemption(): Record<string, unknown> {
    return {
      cardNumber: customer.card.cardNumber,
      idempotencyKey: `key-${randomUUID()}`,
      productCode: 'diesel-heating',
      quantity: 1_000,
      stationId: 'ST-SY01-001',
    };
  }

  function expectError(result: HttpResult<unknown>, status: number, code: string, field?: string) {
    expect(result.status).toBe(status);
    expect(errorOf(result).code).toBe(code);
    if (field !== undefined) expect(errorOf(result).field).toBe(field);
  }

  beforeAll(async () => {
    fuel = await startFuelService('validation');
    customer = await givenFamilyWithCard(fuel, 1);
    station = { authorization: await stationAuthorization('ST-SY01-001') };
    // The relay may still be sending the start-up policies; counts cover rows, not their state.
    before = await counts();
  }, 120_000);

  afterAll(async () => {
    await fuel?.close();
  });

  it('redemption malformed JSON', async () => {
    const result = await postJson(`${fuel.url}/redemptions`, '{"cardNumber": "97', station);

    expectError(result, 400, 'MALFORMED_JSON');
  });

  it('redemption body not an object', async () => {
    expectError(
      await postJson(`${fuel.url}/redemptions`, '[1, 2]', station),
      400,
      'VALIDATION_FAILED',
    );
  });

  it.each([
    ['cardNumber', undefined],
    ['cardNumber', '12345'],
    ['idempotencyKey', undefined],
    ['idempotencyKey', 'short'],
    ['idempotencyKey', 'has spaces in it'],
    ['productCode', 'kerosene'],
    ['quantity', undefined],
    ['quantity', 0],
    ['quantity', -5],
    ['quantity', 1.5],
    ['quantity', '1000'],
    ['quantity', 1_000_001],
    ['stationId', 'ST SY01 001'],
    ['stationId', undefined],
    ['vehiclePlate', 'no plate'],
  ])('redemption %s = %p', async (field, value) => {
    const body = { ...validRedemption(), [field]: value };

    if (value === undefined) delete body[field];

    const result = await postJson(`${fuel.url}/redemptions`, body, station);

    expectError(result, 400, 'VALIDATION_FAILED', field);
    expect(errorOf(result).hint).toBeDefined();
  });

  it('vehicle bad national number', async () => {
    const result = await postJson(`${fuel.url}/vehicles`, {
      ownerNationalNumber: '01000000000',
      plate: 'AB-123',
      vehicleClass: 'taxi',
    });

    expectError(result, 400, 'VALIDATION_FAILED', 'ownerNationalNumber');
  });

  it('vehicle unknown class', async () => {
    const result = await postJson(`${fuel.url}/vehicles`, {
      ownerNationalNumber: customer.family.headNationalNumber,
      plate: 'AB-123',
      vehicleClass: 'truck',
    });

    expectError(result, 400, 'VALIDATION_FAILED', 'vehicleClass');
  });

  it('station bad governorate', async () => {
    const result = await postJson(`${fuel.url}/stations`, {
      governorate: 'SY15',
      name: 'Nowhere',
      stationId: 'ST-SY15-001',
    });

    expectError(result, 400, 'VALIDATION_FAILED', 'governorate');
  });

  it('station blank name', async () => {
    const result = await postJson(`${fuel.url}/stations`, {
      governorate: 'SY01',
      name: '   ',
      stationId: 'ST-SY01-900',
    });

    expectError(result, 400, 'VALIDATION_FAILED', 'name');
  });

  it('family id malformed and unknown', async () => {
    expectError(
      await getJson(`${fuel.url}/families/family-1/entitlements`),
      400,
      'VALIDATION_FAILED',
      'familyId',
    );
    expectError(
      await getJson(`${fuel.url}/families/FAM-SY01-999999999/entitlements`),
      404,
      'FAMILY_NOT_FOUND',
      'familyId',
    );
  });

  it('card number malformed and unknown', async () => {
    expectError(
      await getJson(`${fuel.url}/cards/1234/entitlements`),
      400,
      'VALIDATION_FAILED',
      'cardNumber',
    );
    expectError(
      await getJson(`${fuel.url}/cards/9760000000000000/entitlements`),
      404,
      'CARD_NOT_FOUND',
      'cardNumber',
    );
  });

  it('reversal bad id and reason', async () => {
    expectError(
      await postJson(
        `${fuel.url}/redemptions/not-a-uuid/reversal`,
        { reason: 'pump failure' },
        station,
      ),
      400,
      'VALIDATION_FAILED',
      'id',
    );
    expectError(
      await postJson(`${fuel.url}/redemptions/${randomUUID()}/reversal`, {}, station),
      400,
      'VALIDATION_FAILED',
      'reason',
    );
  });

  it('nothing changed in the database', async () => {
    expect(await counts()).toEqual(before);
  });
});
