import { z } from 'zod';

import { cardNumberInput } from '../../cards/dto/card-number.schema';

export const MAX_HOTLIST_PAGE = 1000;

/** Keyset paging: `after` is the last card number of the previous page. */
export const hotlistQuery = z.object({
  after: cardNumberInput.optional(),
  limit: z.coerce
    .number({ error: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, 'limit must be at least 1')
    .max(MAX_HOTLIST_PAGE, `limit must be at most ${MAX_HOTLIST_PAGE}`)
    .default(100),
});

export type HotlistQuery = z.infer<typeof hotlistQuery>;
