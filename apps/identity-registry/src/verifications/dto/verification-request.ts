import { z } from 'zod';

import { arabicName, isoDate, nationalNumber } from '@bitaqa/contracts';

/** Attributes a caller may claim about a person, in the order they are reported. */
export const CLAIM_FIELDS = [
  'birthDate',
  'familyNameAr',
  'fatherNameAr',
  'givenNameAr',
  'motherNameAr',
] as const;

export type ClaimField = (typeof CLAIM_FIELDS)[number];

const ACCEPTED_FIELDS: ReadonlySet<string> = new Set([
  ...CLAIM_FIELDS,
  'nationalNumber',
  'purpose',
]);

/**
 * A verification request. Unknown fields are rejected with their own name as the error field,
 * so a misspelt claim such as `mothername` is reported instead of silently not compared.
 */
export const verificationRequest = z
  .looseObject({
    birthDate: isoDate.optional(),
    familyNameAr: arabicName.optional(),
    fatherNameAr: arabicName.optional(),
    givenNameAr: arabicName.optional(),
    motherNameAr: arabicName.optional(),
    nationalNumber,
    /** The caller's reason for the request, such as a benefit application reference, stored in the query log. */
    purpose: z.string().trim().min(3).max(200),
  })
  .superRefine((request, context) => {
    for (const field of Object.keys(request).filter((key) => !ACCEPTED_FIELDS.has(key))) {
      context.addIssue({
        code: 'custom',
        message: `unknown field, use one of ${[...ACCEPTED_FIELDS].join(', ')}`,
        path: [field],
      });
    }

    if (!CLAIM_FIELDS.some((field) => request[field] !== undefined)) {
      context.addIssue({
        code: 'custom',
        message: `send at least one of ${CLAIM_FIELDS.join(', ')} to compare`,
        path: ['givenNameAr'],
      });
    }
  });

export type VerificationRequest = z.infer<typeof verificationRequest>;
