import { CatalogueRefreshLifecycle } from '../src/catalogue/catalogue-refresh.lifecycle';
import { FamilyRefreshSweep } from '../src/policy-switch/family-refresh-sweep';

import { startFuelService, type FuelTestService } from './support/fuel-service';
import { errorOf, getJson, postJson } from './support/http';
import { givenFamilyWithCard } from './support/scenario';
import { readUntil } from './support/topic-reader';

interface PolicyBody {
  effectiveFrom: string;
  inForce: boolean;
  periodDays: number;
  productCode: string;
  vehicleClasses: { periodDays: number; periodQuantity: number; vehicleClass: string }[];
  version: number;
}

interface EntitlementsBody {
  entitlements: {
    balance: number;
    granted: number;
    periodEnd: string;
    periodStart: string;
    productCode: string;
  }[];
}

const GAS_EVERY_30_DAYS = {
  beneficiary: 'family',
  effectiveFrom: '2026-11-20',
  periodDays: 30,
  periodQuantity: 1,
  productCode: 'gas-cylinder',
  source: 'test: one cylinder every 30 days',
};

describe('policy versions', () => {
  let fuel: FuelTestService;

  beforeAll(async () => {
    fuel = await startFuelService('policy_versions');
  }, 120_000);

  afterAll(async () => {
    await fuel?.close();
  });

  function addPolicy(body: Record<string, unknown>) {
    return postJson<PolicyBody>(`${fuel.url}/policies`, body);
  }

  it('shipped versions listed', async () => {
    const result = await getJson<PolicyBody[]>(`${fuel.url}/policies`);

    expect(result.body.map((policy) => [policy.productCode, policy.version])).toEqual([
      ['diesel-heating', 1],
      ['gas-cylinder', 1],
      ['gasoline-90', 1],
    ]);
    expect(result.body.every((policy) => policy.inForce)).toBe(true);
  });

  it('past date rejected', async () => {
    const result = await addPolicy({ ...GAS_EVERY_30_DAYS, effectiveFrom: '2026-11-01' });

    expect(result.status).toBe(422);
    expect(errorOf(result).code).toBe('EFFECTIVE_DATE_IN_PAST');
  });

  it.each([
    ['season', { season: { periods: 2, startDay: 1, startMonth: 10 } }],
    ['familySizeScaling', { familySizeScaling: { baseMembers: 5, extraPerMember: 1 } }],
  ])('vehicle policy with %s rejected', async (field, extra) => {
    const result = await addPolicy({
      ...GAS_EVERY_30_DAYS,
      beneficiary: 'vehicle',
      productCode: 'gasoline-95',
      ...extra,
    });

    expect(result.status).toBe(400);
    expect(errorOf(result)).toMatchObject({ code: 'VALIDATION_FAILED', field });
  });

  it('season longer than a year rejected', async () => {
    const result = await addPolicy({
      ...GAS_EVERY_30_DAYS,
      season: { periods: 13, startDay: 1, startMonth: 10 },
    });

    expect(result.status).toBe(400);
    expect(errorOf(result).field).toBe('season');
  });

  it('vehicle classes by class', async () => {
    const result = await addPolicy({
      beneficiary: 'vehicle',
      effectiveFrom: '2026-12-01',
      periodDays: 7,
      periodQuantity: 25_000,
      productCode: 'gasoline-90',
      source: 'test: weekly quotas by class',
      vehicleClasses: [
        { periodDays: 7, periodQuantity: 25_000, vehicleClass: 'private-car' },
        { periodDays: 2, periodQuantity: 30_000, vehicleClass: 'taxi' },
        { periodDays: 7, periodQuantity: 4_000, vehicleClass: 'motorcycle' },
        { periodDays: 1, periodQuantity: 60_000, vehicleClass: 'public-transport' },
        { periodDays: 7, periodQuantity: 40_000, vehicleClass: 'government' },
      ],
    });

    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ inForce: false, version: 2 });
    expect(result.body.vehicleClasses.map((quota) => quota.vehicleClass)).toEqual([
      'government',
      'motorcycle',
      'private-car',
      'public-transport',
      'taxi',
    ]);
  });

  it('overlap and beneficiary change rejected', async () => {
    const same = await addPolicy({
      ...GAS_EVERY_30_DAYS,
      beneficiary: 'vehicle',
      effectiveFrom: '2026-12-01',
      productCode: 'gasoline-90',
    });
    const before = await addPolicy({
      ...GAS_EVERY_30_DAYS,
      beneficiary: 'vehicle',
      effectiveFrom: '2026-11-25',
      productCode: 'gasoline-90',
    });
    const kind = await addPolicy({
      ...GAS_EVERY_30_DAYS,
      effectiveFrom: '2026-12-05',
      productCode: 'gasoline-90',
    });

    expect([same.status, before.status, kind.status]).toEqual([422, 422, 422]);
    expect(errorOf(same).code).toBe('POLICY_VERSION_OVERLAP');
    expect(errorOf(before).code).toBe('POLICY_VERSION_OVERLAP');
    expect(errorOf(kind).code).toBe('BENEFICIARY_MISMATCH');
  });

  it('recorded versions never edited', async () => {
    await expect(
      fuel.sql.query(`UPDATE policies SET period_days = 30 WHERE product_code = 'gas-cylinder'`),
    ).rejects.toThrow(/append-only/);
    await expect(
      fuel.sql.query(`UPDATE policies SET published_at = now() WHERE published_at IS NOT NULL`),
    ).rejects.toThrow(/append-only/);
    await expect(fuel.sql.query('DELETE FROM policy_vehicle_classes')).rejects.toThrow(
      /append-only/,
    );
    await expect(fuel.sql.query('DELETE FROM policies')).rejects.toThrow(/append-only/);
  });

  it('switches at the effective date', async () => {
    const { family } = await givenFamilyWithCard(fuel, 1);
    const gasOf = async () => {
      const result = await getJson<EntitlementsBody>(
        `${fuel.url}/families/${family.familyId}/entitlements`,
      );

      // Accounts whose period contains today, an account the switch expired included.
      return result.body.entitlements.filter((item) => item.productCode === 'gas-cylinder');
    };
    const added = await addPolicy(GAS_EVERY_30_DAYS);

    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ inForce: false, version: 2 });
    // Periods of 23 days from 2019-01-01: 2026-11-15 to 2026-12-07.
    expect(await gasOf()).toEqual([
      expect.objectContaining({ balance: 1, periodEnd: '2026-12-07', periodStart: '2026-11-15' }),
    ]);

    fuel.clock.advanceDays(5);
    await fuel.service.app.get(CatalogueRefreshLifecycle).refresh();

    // The sweep publishes the family's new entitlements before anyone reads them.
    expect(await fuel.service.app.get(FamilyRefreshSweep).sweep()).toBeGreaterThanOrEqual(1);

    const entitlements = await readUntil(`${fuel.prefix}fuel.entitlements`, (read) =>
      read.some(
        (message) =>
          message.key === family.familyId &&
          (message.value.entitlements as { periodStart: string }[]).some(
            (item) => item.periodStart === '2026-11-20',
          ),
      ),
    );
    const familyEvents = entitlements.filter((message) => message.key === family.familyId);

    expect(familyEvents).toHaveLength(2);
    expect(familyEvents.at(-1)?.value).toMatchObject({ reason: 'policy version in force' });

    const afterSwitch = await gasOf();

    expect(afterSwitch).toHaveLength(2);
    expect(afterSwitch).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ balance: 0, periodStart: '2026-11-15' }),
        expect.objectContaining({
          balance: 1,
          granted: 1,
          periodEnd: '2026-12-19',
          periodStart: '2026-11-20',
        }),
      ]),
    );

    const policies = await readUntil(`${fuel.prefix}fuel.policies`, (read) =>
      read.some((message) => message.value.policyVersion === 2),
    );

    expect(
      policies.filter((message) => message.key === 'gas-cylinder').at(-1)?.value,
    ).toMatchObject({
      effectiveFrom: '2026-11-20',
      periodDays: 30,
      policyVersion: 2,
      pricePiastres: 970_000,
    });

    const listed = await getJson<PolicyBody[]>(`${fuel.url}/policies?productCode=gas-cylinder`);

    expect(listed.body.map((policy) => [policy.version, policy.inForce])).toEqual([
      [1, false],
      [2, true],
    ]);
  });
});
