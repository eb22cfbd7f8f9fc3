import { CardStatusChanged, FamilyUpdated, PersonDied } from '@bitaqa/contracts';
import { waitFor } from '@bitaqa/testing';

import { cardStatus, familySnapshot, withDeath, type FamilySnapshot } from './support/builders';
import { startFuelService, type FuelTestService } from './support/fuel-service';
import { getJson } from './support/http';
import { ledgerMismatches } from './support/ledger-checks';
import { readUntil, type ReadMessage } from './support/topic-reader';

interface EntitlementBody {
  balance: number;
  granted: number;
  periodEnd: string;
  periodStart: string;
  productCode: string;
  unit: string;
}

interface FamilyBody {
  entitlements: EntitlementBody[];
  familyId: string;
  livingMembers: number;
}

describe('family entitlements', () => {
  let fuel: FuelTestService;

  beforeAll(async () => {
    fuel = await startFuelService('entitlements');
  }, 120_000);

  afterAll(async () => {
    await fuel?.close();
  });

  async function familyVersionApplied(familyId: string, version: number): Promise<void> {
    await waitFor(`family ${familyId} version ${version}`, async () => {
      const result = await fuel.sql.query('SELECT version FROM families WHERE family_id = $1', [
        familyId,
      ]);

      return result.rows[0]?.version === version ? true : undefined;
    });
  }

  async function entitlementsOf(familyId: string): Promise<FamilyBody> {
    const result = await getJson<FamilyBody>(`${fuel.url}/families/${familyId}/entitlements`);

    expect(result.status).toBe(200);

    return result.body;
  }

  function product(body: FamilyBody, code: string): EntitlementBody | undefined {
    return body.entitlements.find((entitlement) => entitlement.productCode === code);
  }

  async function publishFamily(snapshot: FamilySnapshot): Promise<void> {
    await fuel.events.publish(FamilyUpdated, snapshot);
    await familyVersionApplied(snapshot.familyId, snapshot.version);
  }

  function entitlementEvents(familyId: string, expected: number): Promise<ReadMessage[]> {
    return readUntil(
      `${fuel.prefix}fuel.entitlements`,
      (messages) => messages.filter((message) => message.key === familyId).length >= expected,
    ).then((messages) => messages.filter((message) => message.key === familyId));
  }

  it('snapshot grants family quotas', async () => {
    const family = familySnapshot(5);

    await publishFamily(family);

    const body = await entitlementsOf(family.familyId);

    expect(body.livingMembers).toBe(7);
    expect(product(body, 'diesel-heating')).toEqual({
      balance: 70_000,
      granted: 70_000,
      periodEnd: '2026-12-30',
      periodStart: '2026-10-01',
      productCode: 'diesel-heating',
      unit: 'ml',
    });
    expect(product(body, 'gas-cylinder')).toMatchObject({
      balance: 1,
      granted: 1,
      unit: 'cylinder',
    });
    expect(product(body, 'gasoline-90')).toBeUndefined();
  });

  it('death lowers heating diesel and publishes', async () => {
    const family = familySnapshot(4);
    const child = family.members[5]!.nationalNumber;

    await publishFamily(family);
    expect(product(await entitlementsOf(family.familyId), 'diesel-heating')?.granted).toBe(60_000);

    await fuel.events.publish(PersonDied, { dateOfDeath: '2026-11-14', nationalNumber: child });
    await waitFor('heating diesel cut to 50 L', async () => {
      const heating = product(await entitlementsOf(family.familyId), 'diesel-heating');

      return heating?.granted === 50_000 ? heating : undefined;
    });

    const events = await entitlementEvents(family.familyId, 2);
    const latest = events.at(-1)!.value as {
      entitlements: EntitlementBody[];
      reason: string;
      version: number;
    };

    expect(events).toHaveLength(2);
    expect(latest.version).toBe(2);
    expect(latest.reason).toBe('family member died');
    expect(latest.entitlements.find((e) => e.productCode === 'diesel-heating')).toMatchObject({
      balance: 50_000,
      granted: 50_000,
    });

    const adjustments = await fuel.sql.query(
      `SELECT e.quantity FROM ledger_entries e JOIN quota_accounts a ON a.id = e.account_id
       WHERE a.family_id = $1 AND e.kind = 'adjustment'`,
      [family.familyId],
    );

    expect(adjustments.rows).toEqual([{ quantity: -10_000 }]);
  });

  it('later death snapshot changes nothing more', async () => {
    const family = familySnapshot(4);
    const child = family.members[2]!.nationalNumber;

    await publishFamily(family);
    await fuel.events.publish(PersonDied, { dateOfDeath: '2026-11-14', nationalNumber: child });
    await waitFor('death recorded', async () => {
      const heating = product(await entitlementsOf(family.familyId), 'diesel-heating');

      return heating?.granted === 50_000 ? true : undefined;
    });
    await publishFamily(withDeath(family, child));

    const versions = await fuel.sql.query(
      'SELECT entitlements_version FROM families WHERE family_id = $1',
      [family.familyId],
    );

    expect(versions.rows[0]?.entitlements_version).toBe(2);
  });

  it('all members dead expires balances', async () => {
    const family = familySnapshot(0);

    await publishFamily(family);
    for (const member of family.members) {
      await fuel.events.publish(PersonDied, {
        dateOfDeath: '2026-11-14',
        nationalNumber: member.nationalNumber,
      });
    }

    const body = await waitFor('balances expired', async () => {
      const current = await entitlementsOf(family.familyId);

      return current.livingMembers === 0 ? current : undefined;
    });

    expect(body.entitlements.map((entitlement) => entitlement.balance)).toEqual([0, 0]);

    const open = await fuel.sql.query(
      `SELECT count(*)::int AS open FROM quota_accounts
       WHERE family_id = $1 AND expired_at IS NULL`,
      [family.familyId],
    );
    const expiries = await fuel.sql.query(
      `SELECT e.quantity FROM ledger_entries e JOIN quota_accounts a ON a.id = e.account_id
       WHERE a.family_id = $1 AND e.kind = 'expiry' ORDER BY e.quantity`,
      [family.familyId],
    );

    expect(open.rows[0]?.open).toBe(0);
    expect(expiries.rows).toEqual([{ quantity: -50_000 }, { quantity: -1 }]);
  });

  it('stale snapshot ignored', async () => {
    const family = familySnapshot(1);

    await publishFamily({ ...family, members: family.members.slice(0, 2), version: 3 });

    const staleEventId = await fuel.events.publish(FamilyUpdated, { ...family, version: 2 });

    await waitFor('stale snapshot consumed', async () => {
      const inbox = await fuel.sql.query('SELECT 1 FROM inbox_events WHERE event_id = $1', [
        staleEventId,
      ]);

      return inbox.rowCount === 1 ? true : undefined;
    });

    const stored = await fuel.sql.query(
      `SELECT f.version, count(m.*)::int AS members FROM families f
       JOIN family_members m ON m.family_id = f.family_id
       WHERE f.family_id = $1 GROUP BY f.version`,
      [family.familyId],
    );

    expect(stored.rows).toEqual([{ members: 2, version: 3 }]);
  });

  it('card status keeps latest version', async () => {
    const family = familySnapshot(1);
    const issued = cardStatus(family.familyId, family.headNationalNumber, 'issued', { version: 5 });

    await publishFamily(family);
    await fuel.events.publish(CardStatusChanged, issued);
    await fuel.events.publish(CardStatusChanged, { ...issued, status: 'queued', version: 4 });
    await fuel.events.publish(CardStatusChanged, { ...issued, status: 'active', version: 6 });

    const card = await waitFor('card version 6', async () => {
      const result = await getJson<{ cardStatus: string; usable: boolean }>(
        `${fuel.url}/cards/${issued.cardNumber}/entitlements`,
      );

      return result.status === 200 && result.body.cardStatus === 'active' ? result.body : undefined;
    });

    expect(card.usable).toBe(true);
  });

  it('new period grants again', async () => {
    const family = familySnapshot(2);

    await publishFamily(family);

    const before = product(await entitlementsOf(family.familyId), 'gas-cylinder')!;

    fuel.clock.advanceDays(23);

    const after = product(await entitlementsOf(family.familyId), 'gas-cylinder')!;

    expect(after.periodStart).not.toBe(before.periodStart);
    expect(after).toMatchObject({ balance: 1, granted: 1 });

    const expired = await fuel.sql.query(
      `SELECT count(*)::int AS expired FROM quota_accounts
       WHERE family_id = $1 AND product_code = 'gas-cylinder' AND expired_at IS NOT NULL`,
      [family.familyId],
    );

    expect(expired.rows[0]?.expired).toBe(1);
    fuel.clock.advanceDays(-23);
  });

  it('balances equal ledger sums', async () => {
    expect(await ledgerMismatches(fuel.sql)).toEqual([]);
  });
});
