import type { CalendarDay } from '../calendar/calendar-day';
import type { BeneficiaryKind, ProductCode, QuantityUnit } from '../catalogue/catalogue.types';

/** Beneficiaries of one governorate that hold the same quota units. */
export interface HolderGroup {
  governorate: string;
  /** Families (or vehicle owners outside any family) in the group. */
  holders: number;
  /** Units each holder is entitled by: its living members, or its vehicles per class. */
  units: { count: number; key: string }[];
}

/** Quota one policy version gives one unit. */
export interface UnitTerms {
  periodDays: number;
  periodQuantity: number;
  /** Quantity per 365 days at the version's rate, rounded down to whole units. */
  yearQuantity: number;
}

export interface ChangeCounts {
  affected: number;
  /** Entitled under the policy in force, the draft, or both. */
  beneficiaries: number;
  gaining: number;
  losing: number;
}

/** Quantities in the product's unit; `delta` is `quantityAfter - quantityBefore`. */
export interface GovernorateImpact {
  delta: number;
  families: ChangeCounts;
  governorate: string;
  periodQuantityAfter: number;
  periodQuantityBefore: number;
  quantityAfter: number;
  quantityBefore: number;
  /** Only for vehicle policies. */
  vehicles?: ChangeCounts;
}

export interface PolicyTermsView {
  beneficiary: BeneficiaryKind;
  effectiveFrom: CalendarDay;
  periodDays: number;
  periodQuantity: number;
  version: number;
}

export interface WhatIfReport {
  beneficiary: BeneficiaryKind;
  effectiveFrom: CalendarDay;
  governorates: GovernorateImpact[];
  policyInForce: PolicyTermsView | null;
  productCode: ProductCode;
  /** `quantityBefore` and `quantityAfter` are per 365 days from the effective date. */
  quantityBasis: 'per-365-days';
  total: GovernorateImpact;
  unit: QuantityUnit;
}
