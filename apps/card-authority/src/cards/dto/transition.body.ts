import { z } from 'zod';

/**
 * Statuses an officer may set: suspend, reactivate (to active), report lost or stolen, revoke.
 * The issuance statuses are set only by the authority's own processing.
 */
export const OFFICER_TARGET_STATUSES = [
  'active',
  'lost',
  'revoked',
  'stolen',
  'suspended',
] as const;

export const transitionBody = z.object({
  reason: z
    .string({ error: 'reason is required' })
    .trim()
    .min(3, 'reason must be at least 3 characters')
    .max(200, 'reason must be at most 200 characters'),
  to: z.enum(OFFICER_TARGET_STATUSES, {
    error: `to must be one of ${OFFICER_TARGET_STATUSES.join(', ')}`,
  }),
});

export type TransitionBody = z.infer<typeof transitionBody>;
