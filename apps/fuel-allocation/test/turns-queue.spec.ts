import { randomUUID } from 'node:crypto';

import { CardStatusChanged, FamilyUpdated } from '@bitaqa/contracts';
import { waitFor } from '@bitaqa/testing';

import { familySnapshot, withDeath } from './support/builders';
import { errorOf, getJson, postJson } from './support/http';
import { postRedemption } from './support/redemption-client';
import { readUntil } from './support/topic-reader';
import {
  distributorTurns,
  enqueue,
  familyTurns,
  givenDistributor,
  givenFamilies,
  startTurnsService,
  type TurnBody,
  type TurnsTestService,
} from './support/turns-scenario';

describe('turn queue', () => {
  let turns: TurnsTestService;

  const fuel = () => turns.fuel;

  async function turnRows(familyId: string): Promise<number> {
    const result = await fuel().sql.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM turns WHERE family_id = $1',
      [familyId],
    );

    return result.rows[0]?.count ?? 0;
  }

  beforeAll(async () => {
    turns = await startTurnsService('turn-queue');
  }, 120_000);

  afterAll(async () => {
    await turns?.close();
  });

  it('enqueue is idempotent', async () => {
    const distributorId = await givenDistributor(fuel(), [
      { dailyCapacity: 10, productCode: 'gas-cylinder' },
    ]);
    const [customer] = await givenFamilies(fuel(), 1);
    const familyId = customer!.family.familyId;
    const first = await enqueue(fuel(), familyId, distributorId);
    const again = await enqueue(fuel(), familyId, distributorId);

    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBe('false');
    expect(first.body).toMatchObject({
      distributorId,
      familyId,
      notice: null,
      position: 1,
      productCode: 'gas-cylinder',
      quantity: null,
      status: 'waiting',
      window: null,
    });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await turnRows(familyId)).toBe(1);
  });

  it('sequential enqueues are first come', async () => {
    const distributorId = await givenDistributor(fuel(), [
      { dailyCapacity: 10, productCode: 'gas-cylinder' },
    ]);
    const families = await givenFamilies(fuel(), 4);

    for (const { family } of families) {
      fuel().clock.advanceMinutes(1);
      await enqueue(fuel(), family.familyId, distributorId);
    }

    const queue = await distributorTurns(fuel(), distributorId, '?status=waiting');

    expect(queue.map((turn) => turn.familyId)).toEqual(
      families.map(({ family }) => family.familyId),
    );
    expect(queue.map((turn) => turn.position)).toEqual([1, 2, 3, 4]);
  });

  it('concurrent enqueues get distinct places', async () => {
    const distributorId = await givenDistributor(fuel(), [
      { dailyCapacity: 10, productCode: 'gas-cylinder' },
    ]);
    const families = await givenFamilies(fuel(), 12);
    // The test clock does not move, so every turn has the same enqueue time and only the tie-break
    // orders them.
    const results = await Promise.all(
      families.map(({ family }) => enqueue(fuel(), family.familyId, distributorId)),
    );

    expect(results.map((result) => result.status)).toEqual(families.map(() => 201));

    const positions = results.map((result) => result.body.position).sort((a, b) => a! - b!);

    expect(positions).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);

    const queue = await distributorTurns(fuel(), distributorId, '?status=waiting');
    const again = await distributorTurns(fuel(), distributorId, '?status=waiting');

    expect(queue.map((turn) => turn.position)).toEqual(positions);
    expect(again.map((turn) => turn.turnId)).toEqual(queue.map((turn) => turn.turnId));
    for (const turn of queue) {
      const [own] = await familyTurns(fuel(), turn.familyId);

      expect(own?.position).toBe(turn.position);
    }
  });

  it('same family concurrently once', async () => {
    const distributorId = await givenDistributor(fuel(), [
      { dailyCapacity: 10, productCode: 'gas-cylinder' },
    ]);
    const [customer] = await givenFamilies(fuel(), 1);
    const familyId = customer!.family.familyId;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => enqueue(fuel(), familyId, distributorId)),
    );

    expect(results.filter((result) => result.status === 201)).toHaveLength(1);
    expect(results.filter((result) => result.status === 200)).toHaveLength(9);
    expect(new Set(results.map((result) => result.body.turnId)).size).toBe(1);
    expect(await turnRows(familyId)).toBe(1);
  });

  it('open turn elsewhere conflicts', async () => {
    const first = await givenDistributor(fuel(), [
      { dailyCapacity: 10, productCode: 'gas-cylinder' },
    ]);
    const second = await givenDistributor(fuel(), [
      { dailyCapacity: 10, productCode: 'gas-cylinder' },
      { dailyCapacity: 1_000_000, productCode: 'diesel-heating' },
    ]);
    const [customer] = await givenFamilies(fuel(), 1);
    const familyId = customer!.family.familyId;
    const held = await enqueue(fuel(), familyId, first);
    const conflict = await enqueue(fuel(), familyId, second);
    const diesel = await enqueue(fuel(), familyId, second, 'diesel-heating');

    expect(conflict.status).toBe(409);
    expect(errorOf(conflict)).toMatchObject({
      code: 'TURN_ALREADY_OPEN',
      details: { distributorId: first, turnId: held.body.turnId },
      field: 'distributorId',
    });
    expect(diesel.status).toBe(201);
    expect(await turnRows(familyId)).toBe(2);
  });

  it('hotlisted card rejected', async () => {
    const distributorId = await givenDistributor(fuel(), [
      { dailyCapacity: 10, productCode: 'gas-cylinder' },
    ]);
    const [customer] = await givenFamilies(fuel(), 1);

    await fuel().events.publish(CardStatusChanged, {
      ...customer!.card,
      reason: 'reported stolen',
      status: 'stolen',
      version: 2,
    });
    await waitFor('card hotlisted', async () => {
      const view = await getJson(`${fuel().url}/cards/${customer!.card.cardNumber}/entitlements`);

      return view.body.cardStatus === 'stolen' ? true : undefined;
    });

    const result = await enqueue(fuel(), customer!.family.familyId, distributorId);

    expect(result.status).toBe(422);
    expect(errorOf(result)).toMatchObject({ code: 'NO_USABLE_CARD', field: 'familyId' });
    expect(await turnRows(customer!.family.familyId)).toBe(0);
  });

  it('dead head rejected', async () => {
    const distributorId = await givenDistributor(fuel(), [
      { dailyCapacity: 10, productCode: 'gas-cylinder' },
    ]);
    const [customer] = await givenFamilies(fuel(), 1);
    const family = customer!.family;

    await fuel().events.publish(FamilyUpdated, withDeath(family, family.headNationalNumber));
    await waitFor('head marked dead', async () => {
      const view = await getJson(`${fuel().url}/families/${family.familyId}/entitlements`);

      return view.body.livingMembers === 2 ? true : undefined;
    });

    const result = await enqueue(fuel(), family.familyId, distributorId);

    expect(result.status).toBe(422);
    expect(errorOf(result).code).toBe('HEAD_NOT_LIVING');
  });

  it('used quota rejected', async () => {
    const distributorId = await givenDistributor(fuel(), [
      { dailyCapacity: 10, productCode: 'gas-cylinder' },
    ]);
    const [customer] = await givenFamilies(fuel(), 1);
    const redeemed = await postRedemption(fuel(), {
      cardNumber: customer!.card.cardNumber,
      idempotencyKey: `key-${randomUUID()}`,
      productCode: 'gas-cylinder',
      quantity: 1,
      stationId: 'ST-SY01-003',
    });

    expect(redeemed.status).toBe(200);

    const result = await enqueue(fuel(), customer!.family.familyId, distributorId);

    expect(result.status).toBe(422);
    expect(errorOf(result).code).toBe('QUOTA_USED_UP');
  });

  it('other governorate rejected', async () => {
    const distributorId = await givenDistributor(fuel(), [
      { dailyCapacity: 10, productCode: 'gas-cylinder' },
    ]);
    const family = familySnapshot(1, { governorate: 'SY02' });

    await fuel().events.publish(FamilyUpdated, family);
    await waitFor('family from Aleppo', async () => {
      const view = await getJson(`${fuel().url}/families/${family.familyId}/entitlements`);

      return view.status === 200 ? true : undefined;
    });

    const result = await enqueue(fuel(), family.familyId, distributorId);

    expect(result.status).toBe(422);
    expect(errorOf(result)).toMatchObject({ code: 'GOVERNORATE_MISMATCH', field: 'distributorId' });
  });

  it('unknown family, distributor, product', async () => {
    const distributorId = await givenDistributor(fuel(), [
      { dailyCapacity: 10, productCode: 'gas-cylinder' },
    ]);
    const [customer] = await givenFamilies(fuel(), 1);
    const familyId = customer!.family.familyId;
    const family = await enqueue(fuel(), 'FAM-SY01-999999999', distributorId);
    const distributor = await enqueue(fuel(), familyId, 'DS-NOWHERE');
    const product = await enqueue(fuel(), familyId, distributorId, 'diesel-heating');
    const listing = await getJson(`${fuel().url}/families/FAM-SY01-999999999/turns`);

    expect(family.status).toBe(404);
    expect(errorOf(family).code).toBe('FAMILY_NOT_FOUND');
    expect(distributor.status).toBe(422);
    expect(errorOf(distributor)).toMatchObject({
      code: 'DISTRIBUTOR_NOT_FOUND',
      field: 'distributorId',
    });
    expect(product.status).toBe(422);
    expect(errorOf(product)).toMatchObject({
      code: 'PRODUCT_NOT_DISTRIBUTED',
      field: 'productCode',
    });
    expect(listing.status).toBe(404);
    expect(await turnRows(familyId)).toBe(0);
  });

  it.each([
    ['bad family id', 'FAM-1', { distributorId: 'DS-1', productCode: 'gas-cylinder' }, 'familyId'],
    ['missing product', 'FAM-SY01-000001', { distributorId: 'DS-1' }, 'productCode'],
    [
      'bad distributor id',
      'FAM-SY01-000001',
      { distributorId: '', productCode: 'gas-cylinder' },
      'distributorId',
    ],
    [
      'unknown key',
      'FAM-SY01-000001',
      { distributorId: 'DS-1', productCode: 'gas-cylinder', when: 1 },
      'when',
    ],
  ])('%s rejected with 400', async (_case, familyId, body, field) => {
    const result = await postJson(`${fuel().url}/families/${familyId}/turns`, body);

    expect(result.status).toBe(400);
    expect(errorOf(result)).toMatchObject({ code: 'VALIDATION_FAILED', field });
  });

  it('malformed JSON rejected', async () => {
    const result = await postJson(`${fuel().url}/families/FAM-SY01-000001/turns`, '{"distri');

    expect(result.status).toBe(400);
    expect(errorOf(result).code).toBe('MALFORMED_JSON');
  });

  it('family sees its position', async () => {
    const distributorId = await givenDistributor(fuel(), [
      { dailyCapacity: 10, productCode: 'gas-cylinder' },
    ]);
    const families = await givenFamilies(fuel(), 3);

    for (const { family } of families) {
      fuel().clock.advanceMinutes(1);
      await enqueue(fuel(), family.familyId, distributorId);
    }

    const [third] = await familyTurns(fuel(), families[2]!.family.familyId);

    expect(third).toMatchObject({
      distributorId,
      distributorName: expect.stringContaining('معتمد الغاز'),
      position: 3,
      status: 'waiting',
      window: null,
    });
  });

  it('cancel moves the queue up', async () => {
    const distributorId = await givenDistributor(fuel(), [
      { dailyCapacity: 10, productCode: 'gas-cylinder' },
    ]);
    const families = await givenFamilies(fuel(), 3);
    const enqueued: TurnBody[] = [];

    for (const { family } of families) {
      fuel().clock.advanceMinutes(1);
      enqueued.push((await enqueue(fuel(), family.familyId, distributorId)).body);
    }

    const firstFamily = families[0]!.family.familyId;
    const cancelUrl = `${fuel().url}/families/${firstFamily}/turns/${enqueued[0]!.turnId}/cancellation`;
    const cancelled = await postJson<TurnBody>(cancelUrl, {});
    const repeated = await postJson<TurnBody>(cancelUrl, {});
    const [last] = await familyTurns(fuel(), families[2]!.family.familyId);

    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({
      closeReason: 'cancelled by the family',
      position: null,
      status: 'cancelled',
    });
    expect(repeated.body).toEqual(cancelled.body);
    expect(last?.position).toBe(2);

    const events = await readUntil(`${fuel().prefix}fuel.turns`, (messages) =>
      messages.some((message) => message.value.turnId === enqueued[0]!.turnId),
    );
    const event = events.find((message) => message.value.turnId === enqueued[0]!.turnId);

    expect(event?.headers.ce_type).toBe('sy.gov.fuel.turn-cancelled.v1');
    expect(event?.key).toBe(firstFamily);
    expect(event?.value).toMatchObject({
      reasonCode: 'CANCELLED_BY_FAMILY',
      statusBefore: 'waiting',
    });

    const again = await enqueue(fuel(), firstFamily, distributorId);

    expect(again.status).toBe(201);
    expect(again.body.position).toBe(3);
  });

  it('cancel of another family turn is 404', async () => {
    const distributorId = await givenDistributor(fuel(), [
      { dailyCapacity: 10, productCode: 'gas-cylinder' },
    ]);
    const [owner, other] = await givenFamilies(fuel(), 2);
    const held = await enqueue(fuel(), owner!.family.familyId, distributorId);
    const result = await postJson(
      `${fuel().url}/families/${other!.family.familyId}/turns/${held.body.turnId}/cancellation`,
      {},
    );
    const badId = await postJson(
      `${fuel().url}/families/${other!.family.familyId}/turns/not-a-uuid/cancellation`,
      {},
    );

    expect(result.status).toBe(404);
    expect(errorOf(result).code).toBe('TURN_NOT_FOUND');
    expect(badId.status).toBe(400);
    expect(errorOf(badId).field).toBe('turnId');
  });
});
