import type { QuotaPolicy } from '../catalogue/catalogue.types';

import { familyQuantity, vehicleClassQuota } from './quota-rules';

function policy(overrides: Partial<QuotaPolicy>): QuotaPolicy {
  return {
    beneficiary: 'family',
    effectiveFrom: '2022-09-14',
    id: 1,
    periodDays: 91,
    periodQuantity: 50_000,
    productCode: 'diesel-heating',
    publishedAt: null,
    source: 'test',
    unit: 'ml',
    vehicleClasses: [],
    version: 1,
    ...overrides,
  };
}

describe('familyQuantity', () => {
  const heating = policy({ familySizeScaling: { baseMembers: 5, extraPerMember: 10_000 } });

  it.each([
    [0, 0],
    [1, 50_000],
    [5, 50_000],
    [6, 60_000],
    [9, 90_000],
  ])('heating with %i living members', (living, expected) => {
    expect(familyQuantity(heating, living)).toBe(expected);
  });

  it('unscaled policy ignores size', () => {
    const gas = policy({ periodDays: 23, periodQuantity: 1, productCode: 'gas-cylinder' });

    expect(familyQuantity(gas, 12)).toBe(1);
    expect(familyQuantity(gas, 0)).toBe(0);
  });
});

describe('vehicleClassQuota', () => {
  const gasoline = policy({
    beneficiary: 'vehicle',
    periodDays: 5,
    periodQuantity: 20_000,
    productCode: 'gasoline-90',
    vehicleClasses: [
      { periodDays: 5, periodQuantity: 3_000, vehicleClass: 'motorcycle' },
      { periodDays: 2, periodQuantity: 20_000, vehicleClass: 'taxi' },
    ],
  });

  it('class row wins', () => {
    expect(vehicleClassQuota(gasoline, 'taxi')).toEqual({
      periodDays: 2,
      periodQuantity: 20_000,
      vehicleClass: 'taxi',
    });
  });

  it('class missing from policy', () => {
    expect(vehicleClassQuota(gasoline, 'private-car')).toBeUndefined();
  });
});
