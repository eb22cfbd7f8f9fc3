import { waitFor } from '@bitaqa/testing';

import {
  enqueue,
  familyTurns,
  givenDistributor,
  givenFamilies,
  startTurnsService,
  type TurnsTestService,
} from './support/turns-scenario';

describe('background turn scheduler', () => {
  let turns: TurnsTestService;

  beforeAll(async () => {
    turns = await startTurnsService('turn-background', { schedulerIntervalMs: 1_000 });
  }, 120_000);

  afterAll(async () => {
    await turns?.close();
  });

  it('schedules and notifies unprompted', async () => {
    const fuel = turns.fuel;
    const distributorId = await givenDistributor(fuel, [
      { dailyCapacity: 1, productCode: 'gas-cylinder' },
    ]);
    const [customer, second] = await givenFamilies(fuel, 2);
    const queued = await enqueue(fuel, customer!.family.familyId, distributorId);

    fuel.clock.advanceMinutes(1);
    await enqueue(fuel, second!.family.familyId, distributorId);

    const notified = await waitFor('turn notified by the background run', async () => {
      const [turn] = await familyTurns(fuel, customer!.family.familyId);

      return turn?.notice?.status === 'queued' ? turn : undefined;
    });
    const [waiting] = await familyTurns(fuel, second!.family.familyId);

    expect(notified).toMatchObject({ status: 'notified', turnId: queued.body.turnId });
    expect(waiting).toMatchObject({ position: 1, status: 'waiting' });
    expect(turns.registry.callsFor(queued.body.turnId)).toHaveLength(1);
  });
});
