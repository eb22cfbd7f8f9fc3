import { z } from 'zod';

import { addPolicyRequest } from '../catalogue/catalogue.schemas';

/** Stands in for `source`, which a draft may leave out because it is not stored. */
const DRAFT_SOURCE = 'what-if draft';

/**
 * A policy version not yet published: the body of `POST /policies`, checked by the same rules,
 * with `source` optional.
 */
export const draftPolicy = z.preprocess(
  (input) =>
    input !== null && typeof input === 'object' && !('source' in input)
      ? { ...input, source: DRAFT_SOURCE }
      : input,
  addPolicyRequest,
);

export type DraftPolicy = z.infer<typeof draftPolicy>;
