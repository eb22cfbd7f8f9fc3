import { z } from 'zod';

import { cardNumberInput } from '../../cards/dto/card-number.schema';

export const MAX_HOTLIST_PAGE = 1000;

/**
 * A page of the hotlist, by `offset` or by keyset: `after` is the last card number of the
 * previous page, which stays correct while cards join the hotlist between two requests.
 */
export const hotlistQuery = z
  .object({
    after: cardNumberInput.optional(),
    limit: z.coerce
      .number({ error: 'limit must be a number' })
      .int('limit must be a whole number')
      .min(1, 'limit must be at least 1')
      .max(MAX_HOTLIST_PAGE, `limit must be at most ${MAX_HOTLIST_PAGE}`)
      .default(100),
    offset: z.coerce
      .number({ error: 'offset must be a number' })
      .int('offset must be a whole number')
      .min(0, 'offset must be 0 or more')
      .default(0),
  })
  .refine((query) => query.after === undefined || query.offset === 0, {
    message: 'use either offset or after, not both',
    path: ['offset'],
  });

export type HotlistQuery = z.infer<typeof hotlistQuery>;

export const rebuildParams = z.object({ id: z.uuid('id must be a UUID') });

export type RebuildParams = z.infer<typeof rebuildParams>;
