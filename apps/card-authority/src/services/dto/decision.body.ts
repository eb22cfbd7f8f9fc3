import { z } from 'zod';

/** An officer's reason for a decision on an application or a service. */
export const decisionBody = z.strictObject({
  reason: z
    .string({ error: 'reason is required' })
    .trim()
    .min(3, 'reason must be at least 3 characters')
    .max(500, 'reason must be at most 500 characters'),
});

export type DecisionBody = z.infer<typeof decisionBody>;
