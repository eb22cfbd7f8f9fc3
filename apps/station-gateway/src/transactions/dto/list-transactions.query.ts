import { z } from 'zod';

export const listTransactionsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export type ListTransactionsQuery = z.infer<typeof listTransactionsQuery>;
