import { CardStatusChanged } from '@bitaqa/contracts';
import { waitFor } from '@bitaqa/testing';

import { addDays, calendarDayOf } from '../src/calendar/calendar-day';

import type { FamilyWithCard } from './support/scenario';
import { errorOf, getJson } from './support/http';
import { readUntil } from './support/topic-reader';
import { FUEL_NOTICE_SERVICE } from './support/turns-registry';
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

describe('turn scheduling', () => {
  let turns: TurnsTestService;

  const fuel = () => turns.fuel;

  function tomorrow(): string {
    return addDays(calendarDayOf(fuel().clock.now(), 'Asia/Damascus'), 1);
  }

  /** Enqueues families one minute apart, so their queue order is their order in the list. */
  async function enqueueInOrder(
    families: FamilyWithCard[],
    distributorId: string,
    productCode = 'gas-cylinder',
  ): Promise<TurnBody[]> {
    const enqueued: TurnBody[] = [];

    for (const { family } of families) {
      fuel().clock.advanceMinutes(1);

      const result = await enqueue(fuel(), family.familyId, distributorId, productCode);

      expect(result.status).toBe(201);
      enqueued.push(result.body);
    }

    return enqueued;
  }

  async function currentTurn(familyId: string): Promise<TurnBody> {
    const [turn] = await familyTurns(fuel(), familyId);

    if (!turn) throw new Error(`family ${familyId} has no turn`);

    return turn;
  }

  beforeAll(async () => {
    turns = await startTurnsService('turn-schedule');
  }, 120_000);

  afterAll(async () => {
    await turns?.close();
  });

  it('capacity respected in queue order', async () => {
    const distributorId = await givenDistributor(fuel(), [
      { dailyCapacity: 3, productCode: 'gas-cylinder' },
    ]);
    const families = await givenFamilies(fuel(), 5);
    const enqueued = await enqueueInOrder(families, distributorId);
    const day = tomorrow();
    const run = await schedule(fuel(), distributorId);

    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ date: day, notices: { failed: 0, queued: 3, retrying: 0 } });
    expect(run.body.products).toEqual([
      {
        cancelled: 0,
        dailyCapacity: 3,
        productCode: 'gas-cylinder',
        scheduled: 3,
        used: 3,
        waitingAfter: 2,
      },
    ]);

    const states = await Promise.all(families.map(({ family }) => currentTurn(family.familyId)));

    expect(states.map((turn) => turn.status)).toEqual([
      'notified',
      'notified',
      'notified',
      'waiting',
      'waiting',
    ]);
    expect(states.map((turn) => turn.position)).toEqual([null, null, null, 1, 2]);
    // Three cylinders over four two-hour windows from 08:00 Damascus time (UTC+3): one each.
    expect(states.slice(0, 3).map((turn) => turn.window)).toEqual([
      { date: day, end: `${day}T07:00:00.000Z`, start: `${day}T05:00:00.000Z` },
      { date: day, end: `${day}T09:00:00.000Z`, start: `${day}T07:00:00.000Z` },
      { date: day, end: `${day}T11:00:00.000Z`, start: `${day}T09:00:00.000Z` },
    ]);
    expect(states[0]?.quantity).toBe(1);

    const first = families[0]!;
    const [call] = turns.registry.callsFor(enqueued[0]!.turnId);

    expect(
      turns.registry.calls.filter((sent) =>
        enqueued.some((turn) => turn.turnId === sent.reference),
      ),
    ).toHaveLength(3);
    expect(call).toMatchObject({
      nationalNumber: first.family.headNationalNumber,
      purpose: 'fuel-turn',
      reference: enqueued[0]!.turnId,
    });
    expect(call?.message).toContain('أسطوانة غاز منزلي');
    expect(call?.message).toContain(`يوم ${day} بين الساعة 08:00 والساعة 10:00`);
    expect(call?.message).toContain('معتمد الغاز');
    expect(states[0]?.notice).toMatchObject({ error: null, status: 'queued' });
    expect(states[0]?.notice?.notificationId).toEqual(expect.any(String));
  });

  it('scheduled events published', async () => {
    const distributorId = await givenDistributor(fuel(), [
      { dailyCapacity: 2, productCode: 'gas-cylinder' },
    ]);
    const families = await givenFamilies(fuel(), 2);
    const enqueued = await enqueueInOrder(families, distributorId);

    await schedule(fuel(), distributorId);

    const ids = enqueued.map((turn) => turn.turnId);
    const messages = await readUntil(`${fuel().prefix}fuel.turns`, (read) =>
      ids.every((id) => read.some((message) => message.value.turnId === id)),
    );
    const scheduled = messages.filter((message) => ids.includes(message.value.turnId as string));

    expect(scheduled).toHaveLength(2);
    expect(scheduled[0]?.headers.ce_type).toBe('sy.gov.fuel.turn-scheduled.v1');
    expect(scheduled[0]?.value).toMatchObject({
      distributorId,
      productCode: 'gas-cylinder',
      quantity: 1,
      unit: 'cylinder',
      windowDate: tomorrow(),
    });
  });

  it('second run sends nothing twice', async () => {
    const distributorId = await givenDistributor(fuel(), [
      { dailyCapacity: 2, productCode: 'gas-cylinder' },
    ]);
    const families = await givenFamilies(fuel(), 3);
    const enqueued = await enqueueInOrder(families, distributorId);

    await schedule(fuel(), distributorId);

    const again = await schedule(fuel(), distributorId);

    expect(again.body.products[0]).toMatchObject({ scheduled: 0, used: 2, waitingAfter: 1 });
    expect(again.body.notices).toEqual({ failed: 0, queued: 0, retrying: 0 });
    for (const turn of enqueued.slice(0, 2)) {
      expect(turns.registry.callsFor(turn.turnId)).toHaveLength(1);
    }
    expect(turns.registry.callsFor(enqueued[2]!.turnId)).toHaveLength(0);
  });

  it('concurrent runs respect capacity', async () => {
    const distributorId = await givenDistributor(fuel(), [
      { dailyCapacity: 4, productCode: 'gas-cylinder' },
    ]);
    const families = await givenFamilies(fuel(), 7);
    const enqueued = await enqueueInOrder(families, distributorId);
    const runs = await Promise.all([1, 2, 3].map(() => schedule(fuel(), distributorId)));
    const scheduled = runs.reduce((sum, run) => sum + run.body.products[0]!.scheduled, 0);
    const states = await Promise.all(families.map(({ family }) => currentTurn(family.familyId)));

    expect(runs.map((run) => run.status)).toEqual([200, 200, 200]);
    expect(scheduled).toBe(4);
    expect(states.map((turn) => turn.status)).toEqual([
      'notified',
      'notified',
      'notified',
      'notified',
      'waiting',
      'waiting',
      'waiting',
    ]);
    for (const turn of enqueued.slice(0, 4)) {
      expect(turns.registry.callsFor(turn.turnId)).toHaveLength(1);
    }
  });

  it('later day takes the rest', async () => {
    const distributorId = await givenDistributor(fuel(), [
      { dailyCapacity: 2, productCode: 'gas-cylinder' },
    ]);
    const families = await givenFamilies(fuel(), 3);

    await enqueueInOrder(families, distributorId);
    await schedule(fuel(), distributorId);

    const later = addDays(tomorrow(), 1);
    const run = await schedule(fuel(), distributorId, { date: later });
    const last = await currentTurn(families[2]!.family.familyId);

    expect(run.body.products[0]).toMatchObject({ scheduled: 1, used: 1, waitingAfter: 0 });
    expect(last.status).toBe('notified');
    expect(last.window?.date).toBe(later);
  });

  it('diesel capacity in millilitres', async () => {
    const distributorId = await givenDistributor(fuel(), [
      { dailyCapacity: 120_000, productCode: 'diesel-heating' },
    ]);
    const families = await givenFamilies(fuel(), 3);
    const enqueued = await enqueueInOrder(families, distributorId, 'diesel-heating');
    const run = await schedule(fuel(), distributorId);
    const states = await Promise.all(families.map(({ family }) => currentTurn(family.familyId)));

    // Each family of three gets 50 L a period: two fit in 120 L, the third waits.
    expect(run.body.products[0]).toMatchObject({ scheduled: 2, used: 100_000, waitingAfter: 1 });
    expect(states.map((turn) => turn.quantity)).toEqual([50_000, 50_000, null]);
    expect(turns.registry.callsFor(enqueued[0]!.turnId)[0]?.message).toContain(
      '50 ليتر مازوت تدفئة',
    );
  });

  it('unbound mobile does not block others', async () => {
    const distributorId = await givenDistributor(fuel(), [
      { dailyCapacity: 3, productCode: 'gas-cylinder' },
    ]);
    const families = await givenFamilies(fuel(), 3);

    turns.registry.unbind(families[1]!.family.headNationalNumber);
    await enqueueInOrder(families, distributorId);

    const run = await schedule(fuel(), distributorId);
    const states = await Promise.all(families.map(({ family }) => currentTurn(family.familyId)));

    expect(run.body.notices).toEqual({ failed: 1, queued: 2, retrying: 0 });
    expect(states.map((turn) => turn.status)).toEqual(['notified', 'notified', 'notified']);
    expect(states.map((turn) => turn.notice?.status)).toEqual(['queued', 'failed', 'queued']);
    expect(states[1]?.notice).toEqual({
      error: 'MOBILE_NOT_BOUND',
      notificationId: null,
      status: 'failed',
    });

    const again = await schedule(fuel(), distributorId);

    expect(again.body.notices).toEqual({ failed: 0, queued: 0, retrying: 0 });
  });

  it('registry outage retried next run', async () => {
    const distributorId = await givenDistributor(fuel(), [
      { dailyCapacity: 2, productCode: 'gas-cylinder' },
    ]);
    const families = await givenFamilies(fuel(), 2);
    const enqueued = await enqueueInOrder(families, distributorId);

    turns.registry.failNext(2);

    const first = await schedule(fuel(), distributorId);
    const pending = await currentTurn(families[0]!.family.familyId);

    expect(first.body.notices).toEqual({ failed: 0, queued: 0, retrying: 2 });
    expect(pending.notice).toEqual({
      error: 'SMS_GATEWAY_DOWN',
      notificationId: null,
      status: 'pending',
    });

    const second = await schedule(fuel(), distributorId);
    const sent = await currentTurn(families[0]!.family.familyId);

    expect(second.body.notices).toEqual({ failed: 0, queued: 2, retrying: 0 });
    expect(sent.notice).toMatchObject({ error: null, status: 'queued' });
    for (const turn of enqueued) expect(turns.registry.callsFor(turn.turnId)).toHaveLength(2);
  });

  it('rejected credential retried after fix', async () => {
    const distributorId = await givenDistributor(fuel(), [
      { dailyCapacity: 1, productCode: 'gas-cylinder' },
    ]);
    const families = await givenFamilies(fuel(), 1);
    const [turn] = await enqueueInOrder(families, distributorId);

    turns.registry.acceptedService = 'another-agency';

    const first = await schedule(fuel(), distributorId);
    const pending = await currentTurn(families[0]!.family.familyId);

    turns.registry.acceptedService = FUEL_NOTICE_SERVICE;

    const second = await schedule(fuel(), distributorId);
    const calls = turns.registry.callsFor(turn!.turnId);

    expect(first.body.notices).toEqual({ failed: 0, queued: 0, retrying: 1 });
    expect(pending.notice).toMatchObject({ error: 'AGENCY_UNKNOWN', status: 'pending' });
    expect(second.body.notices).toEqual({ failed: 0, queued: 1, retrying: 0 });
    expect(calls.map((call) => call.caller)).toEqual([
      { clientId: 'fuel-allocation', kind: 'app', serviceId: FUEL_NOTICE_SERVICE },
      { clientId: 'fuel-allocation', kind: 'app', serviceId: FUEL_NOTICE_SERVICE },
    ]);
  });

  it('family no longer eligible is cancelled', async () => {
    const distributorId = await givenDistributor(fuel(), [
      { dailyCapacity: 1, productCode: 'gas-cylinder' },
    ]);
    const families = await givenFamilies(fuel(), 2);
    const enqueued = await enqueueInOrder(families, distributorId);
    const revoked = families[0]!;

    await fuel().events.publish(CardStatusChanged, {
      ...revoked.card,
      reason: 'holder deceased',
      status: 'revoked',
      version: 2,
    });
    await waitFor('card revoked', async () => {
      const view = await getJson(`${fuel().url}/cards/${revoked.card.cardNumber}/entitlements`);

      return view.body.cardStatus === 'revoked' ? true : undefined;
    });

    const run = await schedule(fuel(), distributorId);
    const states = await Promise.all(families.map(({ family }) => currentTurn(family.familyId)));

    expect(run.body.products[0]).toMatchObject({ cancelled: 1, scheduled: 1, waitingAfter: 0 });
    expect(states.map((turn) => turn.status)).toEqual(['cancelled', 'notified']);
    expect(turns.registry.callsFor(enqueued[0]!.turnId)).toHaveLength(0);

    const messages = await readUntil(`${fuel().prefix}fuel.turns`, (read) =>
      read.some((message) => message.value.turnId === enqueued[0]!.turnId),
    );
    const cancelled = messages.find((message) => message.value.turnId === enqueued[0]!.turnId);

    expect(cancelled?.headers.ce_type).toBe('sy.gov.fuel.turn-cancelled.v1');
    expect(cancelled?.value).toMatchObject({
      reasonCode: 'NO_USABLE_CARD',
      statusBefore: 'waiting',
    });
  });

  it('schedule request checked', async () => {
    const distributorId = await givenDistributor(fuel(), [
      { dailyCapacity: 1, productCode: 'gas-cylinder' },
    ]);
    const today = calendarDayOf(fuel().clock.now(), 'Asia/Damascus');
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ date: today }, 422, 'SCHEDULE_DATE_NOT_FUTURE', 'date'],
      [{ date: addDays(today, 8) }, 422, 'SCHEDULE_DATE_TOO_FAR', 'date'],
      [{ productCode: 'diesel-heating' }, 422, 'PRODUCT_NOT_DISTRIBUTED', 'productCode'],
      [{ date: '2026-02-30' }, 400, 'VALIDATION_FAILED', 'date'],
      [{ productCode: 'kerosene' }, 400, 'VALIDATION_FAILED', 'productCode'],
      [{ when: 'now' }, 400, 'VALIDATION_FAILED', 'when'],
    ];

    for (const [body, status, code, field] of cases) {
      const result = await schedule(fuel(), distributorId, body);

      expect({ body, status: result.status }).toEqual({ body, status });
      expect(errorOf(result)).toMatchObject({ code, field });
    }

    const unknown = await schedule(fuel(), 'DS-NOWHERE');

    expect(unknown.status).toBe(404);
    expect(errorOf(unknown).code).toBe('DISTRIBUTOR_NOT_FOUND');
  });
});
