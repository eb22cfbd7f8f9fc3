import { z } from 'zod';

import { arabicName, isoDate, nationalNumber } from '@bitaqa/contracts';

import { purposeCode } from '../../agencies/dto/agency.dto';

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
  'reference',
]);

/** An agency's case or file reference, such as `BEN-2024-118`. */
export const lookupReference = z.string().trim().min(1).max(200);

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
    /** One of the purposes the agency's policy lists, stored in the lookup log. */
    purpose: purposeCode,
    /** The agency's own case or file reference, stored in the lookup log. */
    reference: lookupReference.optional(),
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
