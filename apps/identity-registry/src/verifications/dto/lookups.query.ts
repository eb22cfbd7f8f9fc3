import { z } from 'zod';

export const MAX_LOOKUPS_LIMIT = 100;

export const lookupsQuery = z.strictObject({
  /** Id of the last lookup of the previous page, from `nextBefore`. */
  before: z
    .string()
    .regex(/^[1-9]\d{0,18}$/, 'lookup id from nextBefore')
    .transform((value) => BigInt(value))
    .optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LOOKUPS_LIMIT).default(20),
});

export type LookupsQuery = z.infer<typeof lookupsQuery>;
