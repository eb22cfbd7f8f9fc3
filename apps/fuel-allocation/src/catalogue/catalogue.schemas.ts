import { z } from 'zod';

import { isoDate, productCode } from '@bitaqa/contracts';

import type { CalendarDay } from '../calendar/calendar-day';

import {
  PRICE_KINDS,
  VEHICLE_CLASSES,
  type BeneficiaryKind,
  type PriceKind,
  type QuantityUnit,
  type VehicleClassQuota,
} from './catalogue.types';

/** Largest quantity one period may grant: 1,000 L of fuel or 1,000 cylinders. */
const MAX_PERIOD_QUANTITY = 1_000_000;

/** Largest price: 10 million SYP per litre or cylinder, far above any reported price. */
const MAX_PRICE_PIASTRES = 1_000_000_000;

const source = z.string().trim().min(3).max(300);

export const productParam = z.object({ productCode });

export const addPriceRequest = z.object({
  effectiveFrom: isoDate,
  kind: z.enum(PRICE_KINDS).default('subsidized'),
  /** Per litre for products counted in millilitres, per cylinder for gas. */
  pricePiastres: z.number().int().nonnegative().max(MAX_PRICE_PIASTRES),
  /** Decision or report the price comes from. */
  source,
});

export type AddPriceRequest = z.infer<typeof addPriceRequest>;

export const priceHistoryQuery = z.object({ kind: z.enum(PRICE_KINDS).optional() });

const periodQuantity = z.number().int().positive().max(MAX_PERIOD_QUANTITY);
const periodDays = z.number().int().positive().max(365);

const classQuota = z.object({
  periodDays,
  periodQuantity,
  vehicleClass: z.enum(VEHICLE_CLASSES),
});

export const addPolicyRequest = z
  .object({
    beneficiary: z.enum(['family', 'vehicle']),
    effectiveFrom: isoDate,
    /** Family policies only: `extraPerMember` more for each living member above `baseMembers`. */
    familySizeScaling: z
      .object({
        baseMembers: z.number().int().positive().max(50),
        extraPerMember: z.number().int().nonnegative().max(MAX_PERIOD_QUANTITY),
      })
      .optional(),
    periodDays,
    /** In the product's unit: millilitres, or whole cylinders for gas. */
    periodQuantity,
    productCode,
    /** Family policies only: periods run in batches from a yearly start day. */
    season: z
      .object({
        periods: z.number().int().positive().max(52),
        startDay: z.number().int().min(1).max(28),
        startMonth: z.number().int().min(1).max(12),
      })
      .optional(),
    source,
    /** Vehicle policies only; without rows every class gets `periodQuantity`. */
    vehicleClasses: z.array(classQuota).max(VEHICLE_CLASSES.length).default([]),
  })
  .superRefine((policy, context) => {
    const issue = (path: string, message: string): void => {
      context.addIssue({ code: 'custom', message, path: [path] });
    };

    if (policy.beneficiary === 'vehicle' && policy.season) {
      issue('season', 'seasons apply to family policies only');
    }
    if (policy.beneficiary === 'vehicle' && policy.familySizeScaling) {
      issue('familySizeScaling', 'family-size scales apply to family policies only');
    }
    if (policy.beneficiary === 'family' && policy.vehicleClasses.length > 0) {
      issue('vehicleClasses', 'vehicle classes apply to vehicle policies only');
    }
    if (policy.season && policy.season.periods * policy.periodDays > 365) {
      issue('season', 'the season periods must fit in one year (periods * periodDays <= 365)');
    }

    const classes = policy.vehicleClasses.map((quota) => quota.vehicleClass);

    if (new Set(classes).size !== classes.length) {
      issue('vehicleClasses', 'each vehicle class may appear once');
    }
  });

export type AddPolicyRequest = z.infer<typeof addPolicyRequest>;

export const policyListQuery = z.object({ productCode: productCode.optional() });

export interface PriceView {
  effectiveFrom: CalendarDay;
  /** True for the version of its kind in force today. */
  inForce: boolean;
  kind: PriceKind;
  pricePiastres: number;
  productCode: string;
  source: string;
  unit: QuantityUnit;
}

export interface PolicyView {
  beneficiary: BeneficiaryKind;
  effectiveFrom: CalendarDay;
  familySizeScaling: { baseMembers: number; extraPerMember: number } | null;
  /** True for the version in force today. */
  inForce: boolean;
  periodDays: number;
  periodQuantity: number;
  productCode: string;
  season: { periods: number; startDay: number; startMonth: number } | null;
  source: string;
  unit: QuantityUnit;
  vehicleClasses: VehicleClassQuota[];
  version: number;
}
