import { z } from 'zod';

import { isoDate, productCode } from '@bitaqa/contracts';

import { VEHICLE_CLASSES } from '../catalogue/catalogue.types';

const positive = z.number().int().positive();

/** Largest quantity one period may grant: 10,000 L, or 10,000 cylinders. */
const MAX_PERIOD_QUANTITY = 10_000_000;

const classQuota = z.object({
  periodDays: positive.max(365),
  periodQuantity: positive.max(MAX_PERIOD_QUANTITY),
  vehicleClass: z.enum(VEHICLE_CLASSES),
});

/**
 * A policy version not yet published, in the shape of the catalogue's versions. Family policies
 * may have a season and a family-size scale; vehicle policies may have per-class quotas.
 */
export const draftPolicy = z
  .strictObject({
    beneficiary: z.enum(['family', 'vehicle']),
    effectiveFrom: isoDate,
    familySizeScaling: z
      .strictObject({
        baseMembers: positive.max(50),
        extraPerMember: z.number().int().nonnegative().max(MAX_PERIOD_QUANTITY),
      })
      .optional(),
    periodDays: positive.max(365),
    periodQuantity: positive.max(MAX_PERIOD_QUANTITY),
    productCode,
    season: z
      .strictObject({
        periods: positive.max(12),
        startDay: positive.max(28),
        startMonth: positive.max(12),
      })
      .optional(),
    vehicleClasses: z.array(classQuota).max(VEHICLE_CLASSES.length).default([]),
  })
  .superRefine((draft, context) => {
    const familyOnly = ['familySizeScaling', 'season'] as const;

    for (const key of familyOnly) {
      if (draft.beneficiary === 'vehicle' && draft[key] !== undefined) {
        context.addIssue({ code: 'custom', message: 'only family policies have it', path: [key] });
      }
    }
    if (draft.beneficiary === 'family' && draft.vehicleClasses.length > 0) {
      context.addIssue({
        code: 'custom',
        message: 'only vehicle policies have class quotas',
        path: ['vehicleClasses'],
      });
    }
    if (
      new Set(draft.vehicleClasses.map((quota) => quota.vehicleClass)).size !==
      draft.vehicleClasses.length
    ) {
      context.addIssue({
        code: 'custom',
        message: 'a class appears twice',
        path: ['vehicleClasses'],
      });
    }
    if (draft.season && draft.season.periods * draft.periodDays > 365) {
      context.addIssue({
        code: 'custom',
        message: 'season periods times period days must fit in 365 days',
        path: ['season', 'periods'],
      });
    }
  });

export type DraftPolicy = z.infer<typeof draftPolicy>;
