import { acquireVpcdLock, type CardImage } from '@bitaqa/card';
import { CardStatusChanged, FamilyUpdated } from '@bitaqa/contracts';
import {
  createPrefixedTopics,
  deletePrefixedTopics,
  uniqueTopicPrefix,
  waitFor,
} from '@bitaqa/testing';

import {
  blankCard,
  insertIntoStationReader,
  personalizedCard,
  removeFromStationReader,
  stationReaderName,
} from './support/cards';
import { cardStatus, familyOfCard, makeCardNumber, publish } from './support/events';
import { FaultProxy } from './support/fault-proxy';
import { startFuelAllocation, type TestFuelAllocation } from './support/fuel-allocation';
import { getJson, postJson, type ErrorBody } from './support/http';
import { startStation, type TestStation } from './support/station';

interface ReceiptBody {
  amountPiastres: number;
  attempts: number;
  balanceAfter: number;
  cardNumber: string;
  idempotencyKey: string;
  quantity: number;
  redemptionId: string;
  replayed: boolean;
  transactionId: string;
  unit: string;
}

interface TransactionBody {
  cardNumber: string | null;
  id: string;
  idempotencyKey: string | null;
  outcome: string;
  outcomeCode: string | null;
}

const USABLE = 11;
const REVOKED = 12;
const UNKNOWN = 13;
const EXPIRED = 14;
const MISMATCH = 15;
const MAX_ATTEMPTS = 3;
const PRODUCT = 'diesel-heating';
/** Heating diesel granted per period to a family of two, in millilitres. */
const QUOTA_ML = 50_000;
const SALE = { productCode: PRODUCT, quantity: 10_000 };
const FAMILY = familyOfCard(USABLE).familyId;

function facts(serial: number, expiryDate = '2031-11-30') {
  const status = cardStatus(serial);

  return { ...status, expiryDate };
}

describe('station transactions', () => {
  const prefix = uniqueTopicPrefix('station-tx');
  const proxy = new FaultProxy('');
  let fuelAllocation: TestFuelAllocation;
  let releaseVpcd: (() => void) | undefined;
  const cards = new Map<number, CardImage>();
  let station: TestStation;

  async function sell(serial: number | 'blank' | 'none', body: unknown) {
    const image = serial === 'blank' ? blankCard() : cards.get(serial as number);
    const inserted = image && serial !== 'none' ? await insertIntoStationReader(image) : undefined;

    try {
      return await postJson<ErrorBody & ReceiptBody>(`${station.url}/transactions`, body);
    } finally {
      if (inserted) await removeFromStationReader(inserted);
      // The card keeps its raised transaction counter, so the next sale uses its new state.
      if (inserted && typeof serial === 'number') cards.set(serial, await inserted.remove());
    }
  }

  async function latestTransaction(): Promise<TransactionBody> {
    const { body } = await getJson<{ transactions: TransactionBody[] }>(
      `${station.url}/transactions?limit=1`,
    );

    return body.transactions[0]!;
  }

  beforeAll(async () => {
    // Other suites put cards into the same vpcd slots; the lock keeps their cards out of ours.
    releaseVpcd = await acquireVpcdLock();
    await createPrefixedTopics(prefix);
    await publish(prefix, CardStatusChanged, [
      cardStatus(USABLE),
      cardStatus(REVOKED),
      cardStatus(REVOKED, { reason: 'holder deceased', status: 'revoked', version: 2 }),
      cardStatus(EXPIRED, { expiryDate: '2025-01-31' }),
      cardStatus(MISMATCH, { nationalNumber: cardStatus(99).nationalNumber }),
    ]);
    for (const serial of [USABLE, REVOKED, UNKNOWN, MISMATCH]) {
      cards.set(serial, await personalizedCard(facts(serial)));
    }
    cards.set(EXPIRED, await personalizedCard(facts(EXPIRED, '2025-01-31')));

    fuelAllocation = await startFuelAllocation(prefix);
    await publish(prefix, FamilyUpdated, [familyOfCard(USABLE)]);
    await waitFor('fuel-allocation knows the usable card', async () => {
      const { status } = await fuelAllocation.read(`/cards/${makeCardNumber(USABLE)}/entitlements`);

      return status === 200 ? true : undefined;
    });
    Object.assign(proxy, { target: fuelAllocation.url });
    await proxy.start();
    station = await startStation(
      'ST-SY01-001',
      {
        CARD_WAIT_MS: '1500',
        FUEL_ALLOCATION_BACKOFF_MS: '20',
        FUEL_ALLOCATION_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
        FUEL_ALLOCATION_URL: proxy.url,
        KAFKA_TOPIC_PREFIX: prefix,
      },
      { fuelAllocationTokens: await fuelAllocation.stationTokens('ST-SY01-001') },
    );
    await waitFor('four cards and the policies cached', async () => {
      const { body } = await getJson<{ cache: { cards: number; policies: number } }>(
        `${station.url}/health`,
      );

      return body.cache.cards === 4 && body.cache.policies > 0 ? true : undefined;
    });
  }, 20 * 60_000);

  afterAll(async () => {
    await station?.close();
    await proxy.stop();
    await fuelAllocation?.close();
    await deletePrefixedTopics(prefix);
    releaseVpcd?.();
  });

  it('accepts a usable card', async () => {
    const { body, status } = await sell(USABLE, SALE);

    expect(status).toBe(201);
    expect(body).toMatchObject({
      amountPiastres: 1_700_000,
      attempts: 1,
      balanceAfter: QUOTA_ML - 10_000,
      cardNumber: makeCardNumber(USABLE),
      quantity: 10_000,
      replayed: false,
      unit: 'ml',
    });
    expect(body.idempotencyKey).toMatch(/^ST-SY01-001:/);
    expect(await fuelAllocation.redemptionCount(body.idempotencyKey)).toBe(1);
    expect(await fuelAllocation.balance(FAMILY, PRODUCT)).toBe(QUOTA_ML - 10_000);
    expect(await latestTransaction()).toMatchObject({
      id: body.transactionId,
      outcome: 'accepted',
    });
  });

  it.each([
    [REVOKED, 'CARD_HOTLISTED', 'revoked', 'holder deceased'],
    [
      UNKNOWN,
      'CARD_UNKNOWN',
      'unknown',
      'the card authority has published no status for this card',
    ],
    [EXPIRED, 'CARD_EXPIRED', 'expired', 'card expired on 2025-01-31'],
    [
      MISMATCH,
      'HOLDER_MISMATCH',
      'issued',
      'holder data on the card does not match the card authority record',
    ],
  ])('refuses card %i with %s', async (serial, refusal, cardState, reason) => {
    const calls = proxy.keys.length;
    const { body, status } = await sell(serial, SALE);

    expect(status).toBe(422);
    expect(body.error).toMatchObject({
      code: 'CARD_REFUSED',
      details: { reason, refusal, status: cardState },
      field: 'cardNumber',
      value: makeCardNumber(serial),
    });
    expect(proxy.keys).toHaveLength(calls);
    expect(await latestTransaction()).toMatchObject({
      cardNumber: makeCardNumber(serial),
      idempotencyKey: null,
      outcome: 'refused',
      outcomeCode: refusal,
    });
  });

  it('retries a lost response with its key', async () => {
    const balance = await fuelAllocation.balance(FAMILY, PRODUCT);
    const calls = proxy.keys.length;

    proxy.loseNextResponses(1);

    const { body, status } = await sell(USABLE, SALE);

    expect(status).toBe(201);
    expect(body).toMatchObject({ attempts: 2, balanceAfter: balance - 10_000 });
    expect(proxy.keys.slice(calls)).toEqual([body.idempotencyKey, body.idempotencyKey]);
    expect(await fuelAllocation.redemptionCount(body.idempotencyKey)).toBe(1);
    expect(await fuelAllocation.balance(FAMILY, PRODUCT)).toBe(balance - 10_000);
  });

  it('finishes a failed sale with its key', async () => {
    const balance = await fuelAllocation.balance(FAMILY, PRODUCT);

    proxy.loseNextResponses(MAX_ATTEMPTS);

    const failed = await sell(USABLE, SALE);
    const key = failed.body.error.value as string;

    expect(failed.status).toBe(503);
    expect(failed.body.error).toMatchObject({
      code: 'FUEL_ALLOCATION_UNREACHABLE',
      field: 'idempotencyKey',
    });
    expect(await latestTransaction()).toMatchObject({ idempotencyKey: key, outcome: 'failed' });
    expect(await fuelAllocation.balance(FAMILY, PRODUCT)).toBe(balance - 10_000);

    // The retry needs no card: the station kept the card number with the key.
    const retried = await sell('none', { ...SALE, idempotencyKey: key });
    const calls = proxy.keys.length;
    const replayed = await sell('none', { ...SALE, idempotencyKey: key });

    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({
      attempts: MAX_ATTEMPTS + 1,
      balanceAfter: balance - 10_000,
      idempotencyKey: key,
      replayed: false,
      transactionId: failed.body.error.details?.transactionId,
    });
    expect(replayed.body).toMatchObject({
      redemptionId: retried.body.redemptionId,
      replayed: true,
    });
    expect(proxy.keys).toHaveLength(calls);
    expect(await fuelAllocation.redemptionCount(key)).toBe(1);
    expect(await fuelAllocation.balance(FAMILY, PRODUCT)).toBe(balance - 10_000);
  });

  it('rejects a key reused for another sale', async () => {
    const key = `pump-7:${Date.now()}`;
    const first = await sell(USABLE, { ...SALE, idempotencyKey: key });
    const reused = await sell(USABLE, { ...SALE, idempotencyKey: key, quantity: 5_000 });

    expect(first.body.idempotencyKey).toBe(key);
    expect(reused.status).toBe(409);
    expect(reused.body.error).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      field: 'idempotencyKey',
      value: key,
    });
  });

  it('passes on a fuel-allocation rejection', async () => {
    const { body, status } = await sell(USABLE, { ...SALE, quantity: QUOTA_ML });

    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: 'QUOTA_EXCEEDED' });
    expect(body.error.details).toMatchObject({ upstream: { field: 'quantity', value: QUOTA_ML } });
    expect(await fuelAllocation.balance(FAMILY, PRODUCT)).toBe(10_000);
    expect(await latestTransaction()).toMatchObject({
      outcome: 'refused',
      outcomeCode: 'QUOTA_EXCEEDED',
    });
  });

  it('reports a missing card', async () => {
    const started = Date.now();
    const { body, status } = await sell('none', SALE);

    expect(status).toBe(422);
    expect(body.error).toMatchObject({
      code: 'CARD_NOT_PRESENT',
      message: `no card in reader "${stationReaderName()}" within 1500 ms`,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_400);
    expect(await latestTransaction()).toMatchObject({ cardNumber: null, outcome: 'failed' });
  });

  it('refuses a blank card', async () => {
    const { body, status } = await sell('blank', SALE);

    expect(status).toBe(422);
    expect(body.error.code).toBe('CARD_NOT_PERSONALIZED');
    expect(await latestTransaction()).toMatchObject({ outcome: 'refused' });
  });

  it.each([
    [{ quantity: 1 }, 'productCode'],
    [{ productCode: 'kerosene', quantity: 1 }, 'productCode'],
    [{ productCode: 'gas-cylinder', quantity: -1 }, 'quantity'],
    [{ ...SALE, vehiclePlate: 'abc 123' }, 'vehiclePlate'],
    [{ productCode: 'gas-cylinder', quantity: '1' }, 'quantity'],
    [{ productCode: 'gas-cylinder', quantitiy: 1, quantity: 1 }, 'quantitiy'],
    [{ idempotencyKey: 'x', productCode: 'gas-cylinder', quantity: 1 }, 'idempotencyKey'],
  ])('rejects %j at %s', async (input, field) => {
    const before = await latestTransaction();
    const calls = proxy.keys.length;
    const { body, status } = await sell(USABLE, input);

    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
    expect(await latestTransaction()).toEqual(before);
    expect(proxy.keys).toHaveLength(calls);
  });

  it('rejects malformed JSON', async () => {
    const before = await latestTransaction();
    const { body, status } = await sell(USABLE, '{"productCode": ');

    expect(status).toBe(400);
    expect(body.error.code).toBe('MALFORMED_JSON');
    expect(await latestTransaction()).toEqual(before);
  });

  it('lists the latest transactions', async () => {
    const listed = await getJson<{ transactions: TransactionBody[] }>(
      `${station.url}/transactions?limit=2`,
    );
    const invalid = await getJson<ErrorBody>(`${station.url}/transactions?limit=0`);
    const stats = await getJson<{ transactions: Record<string, number> }>(`${station.url}/stats`);

    expect(listed.body.transactions).toHaveLength(2);
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'limit' });
    expect(stats.body.transactions).toEqual({
      accepted: 4,
      failed: 1,
      pending: 0,
      refused: 6,
      total: 11,
    });
  });
});
