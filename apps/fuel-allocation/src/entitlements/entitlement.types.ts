import type { CalendarDay } from '../calendar/calendar-day';
import type { Period } from '../calendar/period';
import type { ProductCode, QuantityUnit, VehicleClass } from '../catalogue/catalogue.types';

/** Quantity an owner is entitled to for one product in the current period. */
export interface DesiredGrant {
  period: Period;
  policyId: number;
  productCode: ProductCode;
  /** Quantity for the whole period, in the product's unit; always positive. */
  quantity: number;
}

/** One product's entitlement in the current period, as the API and events show it. */
export interface Entitlement {
  balance: number;
  granted: number;
  periodEnd: CalendarDay;
  periodStart: CalendarDay;
  productCode: ProductCode;
  unit: QuantityUnit;
}

export interface VehicleEntitlements {
  entitlements: Entitlement[];
  ownerNationalNumber: string;
  plate: string;
  vehicleClass: VehicleClass;
}

export interface FamilyEntitlements {
  entitlements: Entitlement[];
  familyId: string;
  governorate: string;
  livingMembers: number;
  vehicles: VehicleEntitlements[];
}
