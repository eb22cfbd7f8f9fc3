import { dateToDay } from '../calendar/calendar-day';
import type {
  Policy as PolicyRow,
  PolicyVehicleClass as PolicyVehicleClassRow,
} from '../generated/prisma/client';

import type {
  PriceKind,
  ProductCode,
  ProductPrice,
  QuantityUnit,
  QuotaPolicy,
  VehicleClass,
} from './catalogue.types';

/** Columns shared by `product_prices` (subsidized) and `product_free_prices` (free). */
interface PriceRow {
  effectiveFrom: Date;
  id: number;
  pricePiastres: number;
  productCode: string;
  source: string;
}

export function priceFromRow(row: PriceRow, kind: PriceKind): ProductPrice {
  return {
    effectiveFrom: dateToDay(row.effectiveFrom),
    id: row.id,
    kind,
    pricePiastres: row.pricePiastres,
    productCode: row.productCode as ProductCode,
    source: row.source,
  };
}

type VehicleClassRow = 'government' | 'motorcycle' | 'private_car' | 'public_transport' | 'taxi';

/** Maps Prisma's `private_car` to `private-car`; Prisma enum members must be identifiers. */
export function vehicleClassFromRow(value: string): VehicleClass {
  return value.replace('_', '-') as VehicleClass;
}

export function vehicleClassToRow(value: VehicleClass): VehicleClassRow {
  return value.replace('-', '_') as VehicleClassRow;
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
