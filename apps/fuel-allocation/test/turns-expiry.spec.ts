import { randomUUID } from 'node:crypto';

import { addDays, calendarDayOf } from '../src/calendar/calendar-day';

import { errorOf } from './support/http';
import { postRedemption } from './support/redemption-client';
import type { FamilyWithCard } from './support/scenario';
import { readUntil, type ReadMessage } from './support/topic-reader';
import {
  enqueue,
  familyTurns,
  givenDistributor,
  givenFamilies,
  schedule,
  startTurnsService,
  type TurnBody,
  type TurnsTestService,
} from './support/turns-scenario';

/** Returns the instant a Damascus clock (UTC+3) shows `time` on `day`. */
function damascus(day: string, time: string): Date {
  return new Date(`${day}T${time}:00+03:00`);
}

describe('turn expiry and completion', () => {
  let turns: TurnsTestService;

  const fuel = () => turns.fuel;

  function today(): string {
    return calendarDayOf(fuel().clock.now(), 'Asia/Damascus');
  }

  async function enqueueInOrder(families: FamilyWithCard[], distributorId: string) {
    const enqueued: TurnBody[] = [];

    for (const { family } of families) {
      fuel().clock.advanceMinutes(1);
      enqueued.push((await enqueue(fuel(), family.familyId, distributorId)).body);
    }

    return enqueued;
  }

  async function openTurn(familyId: string): Promise<TurnBody | undefined> {
    const all = await familyTurns(fuel(), familyId);

    return all.find((turn) => turn.status === 'waiting' || turn.status === 'notified');
  }

  async function turnEvent(turnId: string, type: string): Promise<ReadMessage | undefined> {
    const messages = await readUntil(`${fuel().prefix}fuel.turns`, (read) =>
      read.some((message) => message.value.turnId === turnId && message.headers.ce_type === type),
    );

    return messages.find(
      (message) => message.value.turnId === turnId && message.headers.ce_type === type,
    );
  }

  function redeemGas(family: FamilyWithCard, stationId: string) {
    return postRedemption<{ redemptionId: string }>(fuel(), {
      cardNumber: family.card.cardNumber,
      idempotencyKey: `key-${randomUUID()}`,
      productCode: 'gas-cylinder',
      quantity: 1,
      stationId,
    });
  }

  beforeAll(async () => {
    turns = await startTurnsService('turn-expiry', { maxExpiriesPerPeriod: 2 });
  }, 120_000);

  afterAll(async () => {
    await turns?.close();
  });

  it('expired turn goes to the back', async () => {
    const distributorId = await givenDistributor(fuel(), [
      { dailyCapacity: 1, productCode: 'gas-cylinder' },
    ]);
    const families = await givenFamilies(fuel(), 3);
    const [first] = await enqueueInOrder(families, distributorId);
    const day = addDays(today(), 1);

    await schedule(fuel(), distributorId);
    fuel().clock.set(damascus(day, '10:00'));

    const run = await schedule(fuel(), distributorId);
    const all = await familyTurns(fuel(), families[0]!.family.familyId);
    const expired = all.find((turn) => turn.turnId === first!.turnId);
    const requeued = all.find((turn) => turn.status === 'waiting');
    const second = await openTurn(families[1]!.family.familyId);
    const third = await openTurn(families[2]!.family.familyId);

    expect(run.body.expired).toBe(1);
    expect(expired).toMatchObject({
      closeReason: 'pick-up window passed without a redemption',
      status: 'expired',
    });
    expect(second?.status).toBe('notified');
    expect(third).toMatchObject({ position: 1, status: 'waiting' });
    expect(requeued).toMatchObject({ position: 2, requeuedFrom: first!.turnId });

    const event = await turnEvent(first!.turnId, 'sy.gov.fuel.turn-expired.v1');

    expect(event?.value).toMatchObject({
      distributorId,
      expiriesInPeriod: 1,
      requeueSkippedReason: null,
      requeuedTurnId: requeued!.turnId,
      windowEnd: damascus(day, '10:00').toISOString(),
    });
  });

  it('requeued turn gets its own notice', async () => {
    const distributorId = await givenDistributor(fuel(), [
      { dailyCapacity: 1, productCode: 'gas-cylinder' },
    ]);
    const families = await givenFamilies(fuel(), 1);
    const [first] = await enqueueInOrder(families, distributorId);
    const day = addDays(today(), 1);

    await schedule(fuel(), distributorId);
    fuel().clock.set(damascus(day, '11:00'));
    await schedule(fuel(), distributorId);

    const again = await openTurn(families[0]!.family.familyId);

    expect(again).toMatchObject({ requeuedFrom: first!.turnId, status: 'notified' });
    expect(again?.window?.date).toBe(addDays(day, 1));
    expect(turns.registry.callsFor(first!.turnId)).toHaveLength(1);
    expect(turns.registry.callsFor(again!.turnId)).toHaveLength(1);
  });

  it('expiry limit ends queueing for the period', async () => {
    const distributorId = await givenDistributor(fuel(), [
      { dailyCapacity: 1, productCode: 'gas-cylinder' },
    ]);
    const families = await givenFamilies(fuel(), 1);
    const familyId = families[0]!.family.familyId;

    await enqueueInOrder(families, distributorId);

    const firstDay = addDays(today(), 1);

    await schedule(fuel(), distributorId);
    fuel().clock.set(damascus(firstDay, '10:00'));
    await schedule(fuel(), distributorId);

    const second = await openTurn(familyId);

    fuel().clock.set(damascus(addDays(firstDay, 1), '10:00'));
    await schedule(fuel(), distributorId);

    const event = await turnEvent(second!.turnId, 'sy.gov.fuel.turn-expired.v1');

    expect(event?.value).toMatchObject({
      expiriesInPeriod: 2,
      requeueSkippedReason: 'TURN_EXPIRY_LIMIT',
      requeuedTurnId: null,
    });
    expect(await openTurn(familyId)).toBeUndefined();

    const refused = await enqueue(fuel(), familyId, distributorId);

    expect(refused.status).toBe(422);
    expect(errorOf(refused)).toMatchObject({
      code: 'TURN_EXPIRY_LIMIT',
      details: { expiries: 2 },
      field: 'familyId',
    });
  });

  it('redemption in window completes', async () => {
    const distributorId = await givenDistributor(fuel(), [
      { dailyCapacity: 1, productCode: 'gas-cylinder' },
    ]);
    const families = await givenFamilies(fuel(), 1);
    const [turn] = await enqueueInOrder(families, distributorId);
    const day = addDays(today(), 1);

    await schedule(fuel(), distributorId);
    fuel().clock.set(damascus(day, '08:30'));

    const redemption = await redeemGas(families[0]!, 'ST-SY01-001');
    const [completed] = await familyTurns(fuel(), families[0]!.family.familyId);

    expect(redemption.status).toBe(200);
    expect(completed).toMatchObject({
      closeReason: 'redeemed at the distributor',
      redemptionId: redemption.body.redemptionId,
      status: 'completed',
      turnId: turn!.turnId,
    });

    const event = await turnEvent(turn!.turnId, 'sy.gov.fuel.turn-completed.v1');

    expect(event?.key).toBe(families[0]!.family.familyId);
    expect(event?.value).toMatchObject({
      completedAt: damascus(day, '08:30').toISOString(),
      distributorId,
      quantity: 1,
      redemptionId: redemption.body.redemptionId,
      unit: 'cylinder',
    });

    fuel().clock.set(damascus(day, '12:00'));

    const run = await schedule(fuel(), distributorId);

    expect(run.body.expired).toBe(0);
  });

  it('redemption elsewhere does not complete', async () => {
    const distributorId = await givenDistributor(fuel(), [
      { dailyCapacity: 2, productCode: 'gas-cylinder' },
    ]);
    const families = await givenFamilies(fuel(), 2);
    const [early, elsewhere] = await enqueueInOrder(families, distributorId);
    const day = addDays(today(), 1);

    await schedule(fuel(), distributorId);

    const windows = await Promise.all(
      families.map(async ({ family }) => (await familyTurns(fuel(), family.familyId))[0]?.window),
    );

    // Two cylinders over four windows: the first and the third window of the day.
    expect(windows.map((window) => window?.start)).toEqual([
      damascus(day, '08:00').toISOString(),
      damascus(day, '12:00').toISOString(),
    ]);

    // The first family redeems before its window, the second at another station inside it.
    fuel().clock.set(damascus(day, '07:00'));
    expect((await redeemGas(families[0]!, 'ST-SY01-001')).status).toBe(200);
    fuel().clock.set(damascus(day, '12:30'));
    expect((await redeemGas(families[1]!, 'ST-SY01-002')).status).toBe(200);

    const states = await Promise.all(
      families.map(async ({ family }) => (await familyTurns(fuel(), family.familyId))[0]),
    );

    expect(states.map((turn) => turn?.status)).toEqual(['notified', 'notified']);

    fuel().clock.set(damascus(day, '14:00'));

    const run = await schedule(fuel(), distributorId);

    expect(run.body.expired).toBe(2);
    for (const turn of [early!, elsewhere!]) {
      const event = await turnEvent(turn.turnId, 'sy.gov.fuel.turn-expired.v1');

      // Both families used their cylinder, so neither goes back in the queue.
      expect(event?.value).toMatchObject({
        requeueSkippedReason: 'QUOTA_USED_UP',
        requeuedTurnId: null,
      });
    }
  });
});
