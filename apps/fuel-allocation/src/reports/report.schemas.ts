import { z } from 'zod';

import { governorateCode, isoDate, productCode } from '@bitaqa/contracts';

import { daysBetween } from '../calendar/calendar-day';

const format = z.enum(['json', 'csv']).default('json');

const limit = (max: number, fallback: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback);

const offset = z.coerce.number().int().min(0).max(10_000_000).default(0);

/** Checks a range of calendar days in the service's time zone, both ends included. */
function dayRange(maxDays: number) {
  return (query: { from: string; to: string }, context: z.RefinementCtx): void => {
    if (query.from > query.to) {
      context.addIssue({ code: 'custom', message: 'to must not be before from', path: ['to'] });
    } else if (daysBetween(query.from, query.to) >= maxDays) {
      context.addIssue({
        code: 'custom',
        message: `the range may span at most ${maxDays} days`,
        path: ['to'],
      });
    }
  };
}

export const spendQuery = z
  .strictObject({
    format,
    from: isoDate,
    governorate: governorateCode.optional(),
    productCode: productCode.optional(),
    to: isoDate,
  })
  .superRefine(dayRange(366));

export type SpendQuery = z.infer<typeof spendQuery>;

export const exclusionQuery = z.strictObject({
  /** Any day of the quota period to check; today when absent. */
  day: isoDate.optional(),
  format,
  governorate: governorateCode.optional(),
  limit: limit(10_000, 100),
  offset,
  productCode,
});

export type ExclusionQuery = z.infer<typeof exclusionQuery>;

export const farApartQuery = z
  .strictObject({
    format,
    from: isoDate,
    limit: limit(10_000, 100),
    /** Pairs count when the second redemption is at most this many minutes after the first. */
    maxMinutes: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(60),
    /** Pairs count when their stations are more than this many kilometres apart. */
    minDistanceKm: z.coerce.number().min(0).max(2_000).default(100),
    offset,
    to: isoDate,
  })
  .superRefine(dayRange(92));

export type FarApartQuery = z.infer<typeof farApartQuery>;
