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
