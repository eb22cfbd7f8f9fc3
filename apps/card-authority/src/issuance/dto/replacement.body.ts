import { z } from 'zod';

import { REPLACEMENT_REASONS } from '@bitaqa/contracts';

export const replacementBody = z.object({
  note: z
    .string({ error: 'note must be a string' })
    .trim()
    .min(3, 'note must be at least 3 characters')
    .max(150, 'note must be at most 150 characters')
    .optional(),
  reason: z.enum(REPLACEMENT_REASONS, {
    error: `reason must be one of ${REPLACEMENT_REASONS.join(', ')}`,
  }),
});

export type ReplacementBody = z.infer<typeof replacementBody>;
