import { dateToDay } from '../calendar/calendar-day';
import type {
  Policy as PolicyRow,
  PolicyVehicleClass as PolicyVehicleClassRow,
} from '../generated/prisma/client';

import type { ProductCode, QuantityUnit, QuotaPolicy, VehicleClass } from './catalogue.types';

/** Maps Prisma's `private_car` to `private-car`; Prisma enum members must be identifiers. */
export function vehicleClassFromRow(value: string): VehicleClass {
  return (value === 'private_car' ? 'private-car' : value) as VehicleClass;
}

export function vehicleClassToRow(value: VehicleClass): 'motorcycle' | 'private_car' | 'taxi' {
  return value === 'private-car' ? 'private_car' : value;
}

export function policyFromRow(
  row: PolicyRow & { vehicleClasses: PolicyVehicleClassRow[] },
  unit: QuantityUnit,
): QuotaPolicy {
  const policy: QuotaPolicy = {
    beneficiary: row.beneficiary,
    effectiveFrom: dateToDay(row.effectiveFrom),
    id: row.id,
    periodDays: row.periodDays,
    periodQuantity: row.periodQuantity,
    productCode: row.productCode as ProductCode,
    publishedAt: row.publishedAt,
    source: row.source,
    unit,
    vehicleClasses: row.vehicleClasses
      .map((quota) => ({
        periodDays: quota.periodDays,
        periodQuantity: quota.periodQuantity,
        vehicleClass: vehicleClassFromRow(quota.vehicleClass),
      }))
      .sort((a, b) => a.vehicleClass.localeCompare(b.vehicleClass)),
    version: row.version,
  };

  if (row.seasonPeriods && row.seasonStartDay && row.seasonStartMonth) {
    policy.season = {
      periods: row.seasonPeriods,
      startDay: row.seasonStartDay,
      startMonth: row.seasonStartMonth,
    };
  }
  if (row.scaleBaseMembers !== null && row.scaleExtraPerMember !== null) {
    policy.familySizeScaling = {
      baseMembers: row.scaleBaseMembers,
      extraPerMember: row.scaleExtraPerMember,
    };
  }

  return policy;
}
