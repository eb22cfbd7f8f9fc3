import { randomUUID } from 'node:crypto';

import { CardStatusChanged } from '@bitaqa/contracts';
import { waitFor } from '@bitaqa/testing';

import { startFuelService, type FuelTestService } from './support/fuel-service';
import { errorOf, getJson, postJson } from './support/http';
import { ledgerMismatches } from './support/ledger-checks';
import { postRedemption, postReversal, stationAuthorization } from './support/redemption-client';
import { givenFamilyWithCard, ledgerEntries } from './support/scenario';
import { readUntil } from './support/topic-reader';

interface RedemptionBody {
  amountPiastres: number;
  balanceAfter: number;
  pricePiastres: number;
  quantity: number;
  redemptionId: string;
  unit: string;
  vehiclePlate: string | null;
}

describe('redemptions', () => {
  let fuel: FuelTestService;

  beforeAll(async () => {
    fuel = await startFuelService('redemptions');
  }, 120_000);

  afterAll(async () => {
    await fuel?.close();
  });

  function redeem(body: Record<string, unknown>) {
    return postRedemption<RedemptionBody & { error?: Record<string, unknown> }>(fuel, body);
  }

  function heatingRequest(cardNumber: string, quantity: number) {
    return {
      cardNumber,
      idempotencyKey: `key-${randomUUID()}`,
      productCode: 'diesel-heating',
      quantity,
      stationId: 'ST-SY01-001',
    };
  }

  it('debits balance and prices it', async () => {
    const { card } = await givenFamilyWithCard(fuel, 5);
    const result = await redeem(heatingRequest(card.cardNumber, 10_000));

    expect(result.status).toBe(200);
    expect(result.headers.get('idempotent-replayed')).toBe('false');
    expect(result.body).toMatchObject({
      amountPiastres: 1_700_000,
      balanceAfter: 60_000,
      pricePiastres: 170_000,
      quantity: 10_000,
      unit: 'ml',
    });
  });

  it('retry returns the same answer', async () => {
    const { card, family } = await givenFamilyWithCard(fuel, 3);
    const request = heatingRequest(card.cardNumber, 20_000);
    const first = await redeem(request);
    const retry = await redeem(request);

    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await ledgerEntries(fuel, family.familyId, 'diesel-heating')).toEqual([
      { kind: 'grant', quantity: 50_000 },
      { kind: 'redemption', quantity: -20_000 },
    ]);
  });

  it('reused key with other body conflicts', async () => {
    const { card, family } = await givenFamilyWithCard(fuel, 1);
    const request = heatingRequest(card.cardNumber, 5_000);

    await redeem(request);

    const result = await redeem({ ...request, quantity: 6_000 });

    expect(result.status).toBe(409);
    expect(errorOf(result)).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      field: 'idempotencyKey',
    });
    expect(await ledgerEntries(fuel, family.familyId, 'diesel-heating')).toHaveLength(2);
  });

  it('quota exceeded shows the balance', async () => {
    const { card, family } = await givenFamilyWithCard(fuel, 1);
    const result = await redeem(heatingRequest(card.cardNumber, 50_001));

    expect(result.status).toBe(422);
    expect(errorOf(result)).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      details: { balance: 50_000, periodEnd: '2026-12-30' },
      field: 'quantity',
      value: 50_001,
    });
    expect(await ledgerEntries(fuel, family.familyId, 'diesel-heating')).toHaveLength(1);
  });

  it('revoked card refused', async () => {
    const { card, family } = await givenFamilyWithCard(fuel, 1);

    await fuel.events.publish(CardStatusChanged, {
      ...card,
      reason: 'holder deceased',
      status: 'revoked',
      version: 2,
    });
    await waitFor('card revoked', async () => {
      const view = await getJson(`${fuel.url}/cards/${card.cardNumber}/entitlements`);

      return view.body.cardStatus === 'revoked' ? true : undefined;
    });

    const result = await redeem(heatingRequest(card.cardNumber, 1_000));

    expect(result.status).toBe(403);
    expect(errorOf(result)).toMatchObject({
      code: 'CARD_NOT_USABLE',
      details: { reason: 'holder deceased', status: 'revoked' },
      field: 'cardNumber',
    });
    expect(await ledgerEntries(fuel, family.familyId, 'diesel-heating')).toHaveLength(1);
  });

  it('card not yet issued refused', async () => {
    const { card } = await givenFamilyWithCard(fuel, 1, 'queued');
    const result = await redeem(heatingRequest(card.cardNumber, 1_000));

    expect(result.status).toBe(403);
    expect(errorOf(result)).toMatchObject({
      code: 'CARD_NOT_USABLE',
      details: { status: 'queued' },
    });
  });

  it('unknown station and card rejected', async () => {
    const { card } = await givenFamilyWithCard(fuel, 1);
    const station = await postJson(
      `${fuel.url}/redemptions`,
      { ...heatingRequest(card.cardNumber, 1_000), stationId: 'ST-NOPE' },
      { authorization: await stationAuthorization('ST-SY01-001') },
    );
    const unknownCard = await redeem(heatingRequest('9760999999999999', 1_000));

    expect(station.status).toBe(403);
    expect(errorOf(station)).toMatchObject({ code: 'STATION_MISMATCH', field: 'stationId' });
    expect(unknownCard.status).toBe(422);
    expect(errorOf(unknownCard)).toMatchObject({ code: 'CARD_NOT_FOUND', field: 'cardNumber' });
  });

  it('gas cylinder counted whole', async () => {
    const { card } = await givenFamilyWithCard(fuel, 2);
    const request = { ...heatingRequest(card.cardNumber, 1), productCode: 'gas-cylinder' };
    const first = await redeem(request);
    const second = await redeem({ ...request, idempotencyKey: `key-${randomUUID()}` });

    expect(first.body).toMatchObject({
      amountPiastres: 970_000,
      balanceAfter: 0,
      unit: 'cylinder',
    });
    expect(second.status).toBe(422);
    expect(errorOf(second)).toMatchObject({ code: 'QUOTA_EXCEEDED', details: { balance: 0 } });
  });

  it('gasoline by vehicle class', async () => {
    const { card, family } = await givenFamilyWithCard(fuel, 1);
    const taxi = await postJson(`${fuel.url}/vehicles`, {
      ownerNationalNumber: family.headNationalNumber,
      plate: `TX-${family.familyId.slice(-6)}`,
      vehicleClass: 'taxi',
    });

    expect(taxi.status).toBe(201);
    expect(taxi.body.entitlements).toEqual([
      expect.objectContaining({ balance: 20_000, productCode: 'gasoline-90' }),
    ]);

    const request = { ...heatingRequest(card.cardNumber, 15_000), productCode: 'gasoline-90' };
    const result = await redeem(request);

    expect(result.body).toMatchObject({ balanceAfter: 5_000, vehiclePlate: taxi.body.plate });

    const motorcycle = await postJson(`${fuel.url}/vehicles`, {
      ownerNationalNumber: family.members[1]!.nationalNumber,
      plate: `MC-${family.familyId.slice(-6)}`,
      vehicleClass: 'motorcycle',
    });

    expect(motorcycle.body.entitlements).toEqual([
      expect.objectContaining({ balance: 3_000, granted: 3_000 }),
    ]);

    const ambiguous = await redeem({ ...request, idempotencyKey: `key-${randomUUID()}` });

    expect(ambiguous.status).toBe(422);
    expect(errorOf(ambiguous)).toMatchObject({ code: 'VEHICLE_REQUIRED', field: 'vehiclePlate' });

    const named = await redeem({
      ...request,
      idempotencyKey: `key-${randomUUID()}`,
      quantity: 3_000,
      vehiclePlate: motorcycle.body.plate,
    });

    expect(named.body).toMatchObject({ balanceAfter: 0, vehiclePlate: motorcycle.body.plate });
  });

  it('octane 95 has no quota', async () => {
    const { card } = await givenFamilyWithCard(fuel, 1);
    const result = await redeem({
      ...heatingRequest(card.cardNumber, 1_000),
      productCode: 'gasoline-95',
    });

    expect(result.status).toBe(422);
    expect(errorOf(result)).toMatchObject({ code: 'NO_QUOTA_POLICY', field: 'productCode' });
  });

  it('reversal within 30 minutes', async () => {
    const { card, family } = await givenFamilyWithCard(fuel, 1);
    const redeemed = await redeem(heatingRequest(card.cardNumber, 30_000));
    const reverse = (stationId: string) =>
      postReversal(fuel, redeemed.body.redemptionId, stationId, { reason: 'pump failure' });

    fuel.clock.advanceMinutes(29);

    const otherStation = await reverse('ST-SY02-001');
    const reversal = await reverse('ST-SY01-001');
    const again = await reverse('ST-SY01-001');

    fuel.clock.advanceMinutes(-29);
    expect(otherStation.status).toBe(403);
    expect(errorOf(otherStation)).toMatchObject({ code: 'STATION_MISMATCH', field: 'id' });
    expect(reversal.status).toBe(200);
    expect(reversal.body).toMatchObject({ balanceAfter: 50_000, quantity: 30_000 });
    expect(again.body).toEqual(reversal.body);
    expect(await ledgerEntries(fuel, family.familyId, 'diesel-heating')).toEqual([
      { kind: 'grant', quantity: 50_000 },
      { kind: 'redemption', quantity: -30_000 },
      { kind: 'reversal', quantity: 30_000 },
    ]);
  });

  it('reversal after 30 minutes rejected', async () => {
    const { card, family } = await givenFamilyWithCard(fuel, 1);
    const redeemed = await redeem(heatingRequest(card.cardNumber, 30_000));

    fuel.clock.advanceMinutes(31);

    const result = await postReversal(fuel, redeemed.body.redemptionId, 'ST-SY01-001', {
      reason: 'pump failure',
    });

    fuel.clock.advanceMinutes(-31);
    expect(result.status).toBe(422);
    expect(errorOf(result)).toMatchObject({ code: 'REVERSAL_WINDOW_CLOSED' });
    expect(await ledgerEntries(fuel, family.familyId, 'diesel-heating')).toHaveLength(2);
  });

  it('unknown redemption reversal not found', async () => {
    const result = await postReversal(fuel, randomUUID(), 'ST-SY01-001', {
      reason: 'pump failure',
    });

    expect(result.status).toBe(404);
    expect(errorOf(result)).toMatchObject({ code: 'REDEMPTION_NOT_FOUND' });
  });

  it('redemption published', async () => {
    const { card } = await givenFamilyWithCard(fuel, 1);
    const redeemed = await redeem(heatingRequest(card.cardNumber, 7_000));
    const messages = await readUntil(`${fuel.prefix}fuel.redemptions`, (read) =>
      read.some((message) => message.value.redemptionId === redeemed.body.redemptionId),
    );
    const published = messages.find(
      (message) => message.value.redemptionId === redeemed.body.redemptionId,
    );

    expect(published?.key).toBe(card.cardNumber);
    expect(published?.headers.ce_type).toBe('sy.gov.fuel.redemption-recorded.v1');
    expect(published?.value).toMatchObject({ balanceAfter: 43_000, quantity: 7_000 });
  });

  it('policies published once at start', async () => {
    const messages = await readUntil(`${fuel.prefix}fuel.policies`, (read) => read.length >= 3);
    const byProduct = Object.fromEntries(messages.map((message) => [message.key, message.value]));

    expect(messages).toHaveLength(3);
    expect(byProduct['diesel-heating']).toMatchObject({
      beneficiary: 'family',
      periodQuantity: 50_000,
      policyVersion: 1,
    });
    expect(byProduct['gas-cylinder']).toMatchObject({ periodDays: 23, periodQuantity: 1 });
    expect(byProduct['gasoline-90']).toMatchObject({
      beneficiary: 'vehicle',
      pricePiastres: 250_000,
      vehicleClasses: [
        { periodDays: 5, periodQuantity: 3_000, vehicleClass: 'motorcycle' },
        { periodDays: 5, periodQuantity: 20_000, vehicleClass: 'private-car' },
        { periodDays: 2, periodQuantity: 20_000, vehicleClass: 'taxi' },
      ],
    });
  });

  it('station added once', async () => {
    const station = { governorate: 'SY04', name: 'Homs north', stationId: 'ST-SY04-100' };
    const created = await postJson(`${fuel.url}/stations`, station);
    const duplicate = await postJson(`${fuel.url}/stations`, station);

    expect(created.status).toBe(201);
    expect(duplicate.status).toBe(409);
    expect(errorOf(duplicate)).toMatchObject({ code: 'STATION_EXISTS', field: 'stationId' });
  });

  it('stats count redemptions', async () => {
    const stats = await getJson<{
      products: { productCode: string; redemptions: number; reversals: number }[];
      redeemedPiastres: number;
      redemptions: number;
    }>(`${fuel.url}/stats`);
    const heating = stats.body.products.find((product) => product.productCode === 'diesel-heating');

    expect(stats.status).toBe(200);
    expect(heating?.reversals).toBe(1);
    expect(stats.body.redemptions).toBeGreaterThanOrEqual(8);
    expect(stats.body.redeemedPiastres).toBeGreaterThan(0);
  });

  it('balances equal ledger sums', async () => {
    expect(await ledgerMismatches(fuel.sql)).toEqual([]);
  });
});
