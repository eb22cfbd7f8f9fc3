import type { PRODUCT_CODES } from '@bitaqa/contracts';

import type { CalendarDay } from '../calendar/calendar-day';
import type { Season } from '../calendar/period';

export type ProductCode = (typeof PRODUCT_CODES)[number];

/** Fuel is counted in millilitres, domestic gas in whole cylinders. */
export type QuantityUnit = 'cylinder' | 'ml';

export const VEHICLE_CLASSES = [
  'government',
  'motorcycle',
  'private-car',
  'public-transport',
  'taxi',
] as const;

export type VehicleClass = (typeof VEHICLE_CLASSES)[number];

export type BeneficiaryKind = 'family' | 'vehicle';

export interface Product {
  code: ProductCode;
  name: string;
  unit: QuantityUnit;
}

/** `subsidized` is the card price; `free` is paid without the card quota. */
export const PRICE_KINDS = ['free', 'subsidized'] as const;

export type PriceKind = (typeof PRICE_KINDS)[number];

/** Price in piastres per litre or per cylinder, from `effectiveFrom` on. */
export interface ProductPrice {
  effectiveFrom: CalendarDay;
  id: number;
  kind: PriceKind;
  pricePiastres: number;
  productCode: ProductCode;
  source: string;
}

/** Extra quantity per living member above `baseMembers`, in the product's unit. */
export interface FamilySizeScaling {
  baseMembers: number;
  extraPerMember: number;
}

export interface VehicleClassQuota {
  periodDays: number;
  periodQuantity: number;
  vehicleClass: VehicleClass;
}

/** One version of a product's quota rule; quantities are in the product's unit. */
export interface QuotaPolicy {
  beneficiary: BeneficiaryKind;
  effectiveFrom: CalendarDay;
  familySizeScaling?: FamilySizeScaling;
  id: number;
  periodDays: number;
  periodQuantity: number;
  productCode: ProductCode;
  publishedAt: Date | null;
  season?: Season;
  source: string;
  unit: QuantityUnit;
  vehicleClasses: VehicleClassQuota[];
  version: number;
}
