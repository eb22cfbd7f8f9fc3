import { z } from 'zod';

import { normalizeArabicName } from '@bitaqa/arabic-names';

/** Largest page the name search returns. */
export const MAX_SEARCH_LIMIT = 100;

/** Deepest offset the name search pages to; narrow the name to reach further. */
export const MAX_SEARCH_OFFSET = 10_000;

export const identitySearchQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_SEARCH_LIMIT).default(20),
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[\u0600-\u06FF\s]+$/, 'Arabic letters and spaces only')
    .transform(normalizeArabicName)
    .refine(
      (normalized) => normalized.replace(/ /g, '').length >= 2,
      'name needs at least two letters',
    ),
  offset: z.coerce.number().int().min(0).max(MAX_SEARCH_OFFSET).default(0),
});

/** A name search; `name` is already normalized. */
export type IdentitySearch = z.infer<typeof identitySearchQuery>;
