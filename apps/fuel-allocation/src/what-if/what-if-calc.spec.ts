import type { QuotaPolicy } from '../catalogue/catalogue.types';

import { compareGroups, familyTerms, totalOf, vehicleTerms } from './what-if-calc';

function policy(overrides: Partial<QuotaPolicy>): QuotaPolicy {
  return {
    beneficiary: 'family',
    effectiveFrom: '2026-01-01',
    id: 1,
    periodDays: 23,
    periodQuantity: 1,
    productCode: 'gas-cylinder',
    publishedAt: null,
    source: 'test',
    unit: 'cylinder',
    vehicleClasses: [],
    version: 1,
    ...overrides,
  };
}

describe('familyTerms', () => {
  it('rolling policy per 365 days', () => {
    expect(familyTerms(policy({}))('3')).toEqual({
      periodDays: 23,
      periodQuantity: 1,
      yearQuantity: 15,
    });
  });

  it('seasonal policy with scale', () => {
    const diesel = policy({
      familySizeScaling: { baseMembers: 5, extraPerMember: 10_000 },
      periodDays: 91,
      periodQuantity: 50_000,
      season: { periods: 2, startDay: 1, startMonth: 10 },
    });

    expect(familyTerms(diesel)('7')?.yearQuantity).toBe(140_000);
  });

  it('no living member or other kind', () => {
    expect(familyTerms(policy({}))('0')).toBeUndefined();
    expect(familyTerms(policy({ beneficiary: 'vehicle' }))('3')).toBeUndefined();
    expect(familyTerms(undefined)('3')).toBeUndefined();
  });
});

describe('vehicleTerms', () => {
  it('class quota, else main quantity', () => {
    const classes = policy({
      beneficiary: 'vehicle',
      vehicleClasses: [{ periodDays: 2, periodQuantity: 20_000, vehicleClass: 'taxi' }],
    });
    const flat = policy({ beneficiary: 'vehicle', periodDays: 5, periodQuantity: 20_000 });

    expect(vehicleTerms(classes)('taxi')?.yearQuantity).toBe(3_650_000);
    expect(vehicleTerms(classes)('motorcycle')).toBeUndefined();
    expect(vehicleTerms(flat)('motorcycle')?.yearQuantity).toBe(1_460_000);
  });
});

describe('compareGroups', () => {
  it('counts holders and quantities', () => {
    const before = familyTerms(policy({}));
    const after = familyTerms(policy({ periodDays: 20 }));
    const impacts = compareGroups(
      [
        { governorate: 'SY02', holders: 4, units: [{ count: 1, key: '2' }] },
        { governorate: 'SY01', holders: 3, units: [{ count: 1, key: '5' }] },
        { governorate: 'SY01', holders: 2, units: [{ count: 1, key: '0' }] },
      ],
      before,
      after,
      false,
    );

    expect(impacts.map((impact) => impact.governorate)).toEqual(['SY01', 'SY02']);
    // 15 cylinders a year before, 18 after.
    expect(impacts[0]).toMatchObject({
      delta: 9,
      families: { affected: 3, beneficiaries: 3, gaining: 3, losing: 0 },
      quantityAfter: 54,
      quantityBefore: 45,
    });
    expect(totalOf(impacts, false)).toMatchObject({
      delta: 21,
      families: { affected: 7, beneficiaries: 7, gaining: 7, losing: 0 },
    });
  });
});
