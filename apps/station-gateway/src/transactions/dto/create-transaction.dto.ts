import { z } from 'zod';

import { positiveInt, productCode } from '@bitaqa/contracts';

/** Largest quantity one sale may ask for: 1,000 litres in millilitres. */
export const MAX_QUANTITY = 1_000_000;

export const createTransactionSchema = z.strictObject({
  /** Chosen by the pump to make its own retries safe; the station generates one when absent. */
  idempotencyKey: z
    .string()
    .regex(
      /^[A-Za-z0-9._:-]{8,100}$/,
      '8 to 100 letters, digits, dots, colons, dashes or underscores',
    )
    .optional(),
  productCode,
  /** Millilitres, or whole cylinders for gas. */
  quantity: positiveInt.max(MAX_QUANTITY),
});

export type CreateTransactionInput = z.infer<typeof createTransactionSchema>;
