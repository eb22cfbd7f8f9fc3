import { nationalNumber } from '@bitaqa/contracts';
import { z } from 'zod';

export const findCardsQuery = z.object({
  nationalNumber: z
    .string({ error: 'the nationalNumber query parameter (11 digits) is required' })
    .pipe(nationalNumber),
});

export type FindCardsQuery = z.infer<typeof findCardsQuery>;
