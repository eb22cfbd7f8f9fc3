import { z } from 'zod';

import { familyId, isoDate, productCode } from '@bitaqa/contracts';

import { distributorId } from '../distributors/distributor.schemas';

import { TURN_STATUSES } from './turn.types';

export const familyIdParam = z.strictObject({ familyId });

export const familyTurnParams = z.strictObject({ familyId, turnId: z.uuid() });

export const enqueueRequest = z.strictObject({ distributorId, productCode });

export type EnqueueRequest = z.infer<typeof enqueueRequest>;

/** An empty request body schedules every product for tomorrow. */
export const scheduleRequest = z.preprocess(
  (body) => body ?? {},
  z.strictObject({
    /** Day to fill; the next day in the service's time zone when absent. */
    date: isoDate.optional(),
    /** One product to schedule; every product of the distributor when absent. */
    productCode: productCode.optional(),
  }),
);

export type ScheduleRequest = z.infer<typeof scheduleRequest>;

export const distributorTurnsQuery = z.strictObject({
  date: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  productCode: productCode.optional(),
  status: z.enum(TURN_STATUSES).optional(),
});

export type DistributorTurnsQuery = z.infer<typeof distributorTurnsQuery>;
