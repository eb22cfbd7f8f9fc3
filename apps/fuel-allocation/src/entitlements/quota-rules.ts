import type { PeriodRule } from '../calendar/period';
import type { QuotaPolicy, VehicleClass, VehicleClassQuota } from '../catalogue/catalogue.types';

/** The period rule of a family policy. */
export function familyPeriodRule(policy: QuotaPolicy): PeriodRule {
  return { anchor: policy.effectiveFrom, periodDays: policy.periodDays, season: policy.season };
}

/**
 * A family's quantity per period under `policy`: nothing once no member is alive, otherwise
 * the policy's quantity plus, when it scales, `extraPerMember` for each living member above
 * `baseMembers`.
 */
export function familyQuantity(policy: QuotaPolicy, livingMembers: number): number {
  if (livingMembers <= 0) return 0;

  const scaling = policy.familySizeScaling;

  if (!scaling) return policy.periodQuantity;

  const extraMembers = Math.max(0, livingMembers - scaling.baseMembers);

  return policy.periodQuantity + extraMembers * scaling.extraPerMember;
}

/** The quota of one vehicle class; a policy without class rows gives every class its own quantity. */
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
