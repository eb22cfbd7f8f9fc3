import { z } from 'zod';

import { normalizeArabicName } from '@bitaqa/arabic-names';
import { nationalNumber, placeCode } from '@bitaqa/contracts';

import type { SearchCriteria, SearchName } from '../search-criteria';

export const MAX_SEARCH_LIMIT = 100;

const ARABIC = /^[\u0600-\u06FF\s]+$/;
const LATIN = /^[A-Za-z\s'-]+$/;

/** At least one word must be this long; a name of one-letter words matches too many people. */
const MIN_LONGEST_WORD_LENGTH = 2;

function parseName(input: string, context: z.RefinementCtx): SearchName | undefined {
  let name: SearchName | undefined;

  if (ARABIC.test(input)) {
    name = { script: 'arabic', words: normalizeArabicName(input).split(' ') };
  } else if (LATIN.test(input)) {
    // Card names are A-Z and spaces only: apostrophes vanish and hyphens split words.
    const latin = input.toUpperCase().replace(/'/g, '').replace(/-/g, ' ');

    name = { script: 'latin', words: latin.split(/\s+/) };
  }

  const words = name?.words.filter((word) => word.length > 0) ?? [];

  if (name === undefined || words.length === 0) {
    context.addIssue({ code: 'custom', message: 'Arabic letters or Latin letters, not both' });

    return z.NEVER;
  }

  if (!words.some((word) => word.length >= MIN_LONGEST_WORD_LENGTH)) {
    context.addIssue({
      code: 'custom',
      message: `at least one word of ${MIN_LONGEST_WORD_LENGTH} or more letters`,
    });

    return z.NEVER;
  }

  return { script: name.script, words: [...new Set(words)] };
}

const currentYear = new Date().getUTCFullYear();

/**
 * Query of `GET /search/identities`. A name or a national number is required: a mother's name,
 * place or year alone matches too many people to page through.
 */
export const identitySearchQuery = z
  .strictObject({
    after: nationalNumber.optional(),
    birthPlace: placeCode.optional(),
    birthYear: z.coerce.number().int().min(1900).max(currentYear).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_SEARCH_LIMIT).default(20),
    motherName: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(ARABIC, 'Arabic letters and spaces only')
      .transform(normalizeArabicName)
      .refine((normalized) => normalized.length >= 2, 'at least two letters')
      .optional(),
    name: z.string().trim().min(1).max(200).transform(parseName).optional(),
    nationalNumber: nationalNumber.optional(),
  })
  .superRefine((query, context) => {
    if (query.name === undefined && query.nationalNumber === undefined) {
      context.addIssue({
        code: 'custom',
        message: 'send a name or a national number; other fields only narrow the search',
        path: ['name'],
      });
    }
  });

export type IdentitySearchQuery = z.infer<typeof identitySearchQuery>;

export function toSearchCriteria(query: IdentitySearchQuery): SearchCriteria {
  return { ...query, name: query.name ?? undefined };
}
