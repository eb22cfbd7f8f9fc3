import type { PeriodRule } from '../calendar/period';
import type { QuotaPolicy, VehicleClass, VehicleClassQuota } from '../catalogue/catalogue.types';

/** Returns the period rule of a family policy. */
export function familyPeriodRule(policy: QuotaPolicy): PeriodRule {
  return { anchor: policy.effectiveFrom, periodDays: policy.periodDays, season: policy.season };
}

/**
 * Computes a family's quantity per period under `policy`. A family with no living member gets
 * nothing. Otherwise it gets the policy's quantity plus, when the policy scales,
 * `extraPerMember` for each living member above `baseMembers`.
 */
export function familyQuantity(policy: QuotaPolicy, livingMembers: number): number {
  if (livingMembers <= 0) return 0;

  const scaling = policy.familySizeScaling;

  if (!scaling) return policy.periodQuantity;

  const extraMembers = Math.max(0, livingMembers - scaling.baseMembers);

  return policy.periodQuantity + extraMembers * scaling.extraPerMember;
}

/**
 * Finds the quota of one vehicle class. A policy without class rows gives every class its main
 * quantity.
 */
export function vehicleClassQuota(
  policy: QuotaPolicy,
  vehicleClass: VehicleClass,
): VehicleClassQuota | undefined {
  if (policy.vehicleClasses.length === 0) {
    return { periodDays: policy.periodDays, periodQuantity: policy.periodQuantity, vehicleClass };
  }

  return policy.vehicleClasses.find((quota) => quota.vehicleClass === vehicleClass);
}

export function vehiclePeriodRule(policy: QuotaPolicy, quota: VehicleClassQuota): PeriodRule {
  return { anchor: policy.effectiveFrom, periodDays: quota.periodDays };
}
