import { z } from 'zod';

import { positiveInt, productCode } from '@bitaqa/contracts';

/** Largest quantity one sale may ask for: 1,000 litres in millilitres. */
export const MAX_QUANTITY = 1_000_000;

const fields = {
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
  /** Plate of the family's vehicle for gasoline; fuel-allocation needs it when there are several. */
  vehiclePlate: z
    .string()
    .regex(
      /^[A-Z0-9][A-Z0-9-]{1,19}$/,
      'upper-case letters, digits and hyphens such as 123456-SY01',
    )
    .optional(),
};

const KNOWN_FIELDS = new Set(Object.keys(fields));

/**
 * Body of POST /transactions. An unknown field is an error named by its own path, so a typo
 * such as `quantitiy` comes back with the field at fault instead of being dropped.
 */
export const createTransactionSchema = z.looseObject(fields).superRefine((body, context) => {
  for (const key of Object.keys(body)) {
    if (!KNOWN_FIELDS.has(key)) {
      context.addIssue({ code: 'custom', message: 'unknown field; remove it', path: [key] });
    }
  }
});

export type CreateTransactionInput = z.infer<typeof createTransactionSchema>;
