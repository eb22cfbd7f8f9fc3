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

export const verificationRequest = z
  .strictObject({
    birthDate: isoDate.optional(),
    familyNameAr: arabicName.optional(),
    fatherNameAr: arabicName.optional(),
    givenNameAr: arabicName.optional(),
    motherNameAr: arabicName.optional(),
    nationalNumber,
    /** Why the caller asks, such as a benefit application reference; kept in the query log. */
    purpose: z.string().trim().min(3).max(200),
  })
  .refine((request) => CLAIM_FIELDS.some((field) => request[field] !== undefined), {
    message: `send at least one of ${CLAIM_FIELDS.join(', ')} to compare`,
    path: ['givenNameAr'],
  });

export type VerificationRequest = z.infer<typeof verificationRequest>;
