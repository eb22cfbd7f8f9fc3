import { z } from 'zod';

import { MAX_KEY_VERSION } from '@bitaqa/card-keys';

/** A key version in a path or query: a decimal integer from 1 to 65535. */
export const keyVersionNumber = z
  .string({ error: 'version is required' })
  .regex(/^\d{1,5}$/, 'version must be a whole number')
  .transform(Number)
  .refine((version) => version >= 1 && version <= MAX_KEY_VERSION, {
    message: `version must be from 1 to ${MAX_KEY_VERSION}`,
  });

export const issuerCertificateQuery = z.object({ version: keyVersionNumber.optional() });

export type IssuerCertificateQuery = z.infer<typeof issuerCertificateQuery>;

/** Query of GET /keys/versions/:version/cards: a page size and the last card number seen. */
export const keyVersionCardsQuery = z
  .object({
    after: z
      .string()
      .regex(/^\d{16}$/, 'after must be a 16-digit card number')
      .optional(),
    limit: z
      .string()
      .regex(/^\d{1,4}$/, 'limit must be a whole number')
      .transform(Number)
      .refine((limit) => limit >= 1 && limit <= 1000, 'limit must be from 1 to 1000')
      .default(100),
  })
  .strict();

export type KeyVersionCardsQuery = z.infer<typeof keyVersionCardsQuery>;
