import { randomUUID } from 'node:crypto';

import { PersonDied } from '@bitaqa/contracts';
import { waitFor } from '@bitaqa/testing';

import { startFuelService, type FuelTestService } from './support/fuel-service';
import { errorOf } from './support/http';
import { familyBalance, ledgerMismatches } from './support/ledger-checks';
import { accountLedger, chainProblems } from './support/ledger-walk';
import { postRedemption } from './support/redemption-client';
import { givenFamilyWithCard } from './support/scenario';

/** Twenty seeded stations: the first of each governorate, then the second of six. */
const STATIONS = Array.from({ length: 20 }, (_, index) => {
  const governorate = `SY${String((index % 14) + 1).padStart(2, '0')}`;

  return `ST-${governorate}-00${1 + Math.floor(index / 14)}`;
});

/** 2 L per request: heating diesel is counted in millilitres. */
const QUANTITY = 2_000;

describe('redemptions racing a death', () => {
  let fuel: FuelTestService;

  beforeAll(async () => {
    fuel = await startFuelService('race');
  }, 120_000);

  afterAll(async () => {
    await fuel?.close();
  });

  it('PersonDied during a burst', async () => {
    // Seven living members: 50 L plus 10 L for each member above 5 = 70 L. One death cuts the
    // grant to 60 L, or by what is left when less than 10 L remains.
    const { card, family } = await givenFamilyWithCard(fuel, 5);
    const child = family.members.at(-1)!.nationalNumber;
    const burst = Array.from({ length: 40 }, (_, index) =>
      postRedemption(fuel, {
        cardNumber: card.cardNumber,
        idempotencyKey: `race-${randomUUID()}`,
        productCode: 'diesel-heating',
        quantity: QUANTITY,
        stationId: STATIONS[index % STATIONS.length],
      }),
    );
    const death = fuel.events.publish(PersonDied, {
      dateOfDeath: '2026-11-15',
      nationalNumber: child,
    });
    const [results] = await Promise.all([Promise.all(burst), death]);

    // The death row and the family's new grant commit in one transaction.
    await waitFor('death applied', async () => {
      const deaths = await fuel.sql.query('SELECT 1 FROM deaths WHERE national_number = $1', [
        child,
      ]);

      return deaths.rowCount === 1 ? true : undefined;
    });

    const accepted = results.filter((result) => result.status === 200).length;
    const refused = results.filter((result) => result.status !== 200);
    const rows = await accountLedger(fuel.sql, family.familyId, 'diesel-heating');
    const account = await familyBalance(fuel.sql, family.familyId, 'diesel-heating');

    expect(new Set(refused.map((result) => errorOf(result).code))).toEqual(
      new Set(refused.length > 0 ? ['QUOTA_EXCEEDED'] : []),
    );
    expect(chainProblems(rows)).toEqual([]);
    expect(await ledgerMismatches(fuel.sql)).toEqual([]);
    expect(rows.at(-1)?.balanceAfter).toBe(account?.balance);
    expect(account!.granted - accepted * QUANTITY).toBe(account!.balance);

    const adjustmentIndex = rows.findIndex((row) => row.kind === 'adjustment');
    const adjustment = rows[adjustmentIndex];
    const redeemedAfterDeath = rows
      .slice(adjustmentIndex + 1)
      .reduce((sum, row) => sum - row.quantity, 0);

    if (adjustment?.quantity === -10_000) {
      // The death came while at least 10 L was left: the family is granted the 60 L of six members, and what
      // was redeemed after the cut fitted in what the cut left.
      expect(redeemedAfterDeath).toBeLessThanOrEqual(adjustment.balanceAfter);
      expect(account).toEqual({ balance: 0, granted: 60_000 });
      expect(accepted).toBe(30);
    } else {
      // Less than 10 L was left: the cut took the rest, or nothing was left to cut, and nothing
      // was accepted after it.
      expect(account!.balance).toBe(0);
      expect(adjustment === undefined || redeemedAfterDeath === 0).toBe(true);
      expect(account!.granted).toBeGreaterThan(60_000);
      expect(accepted * QUANTITY).toBe(account!.granted);
    }
  }, 120_000);
});
