import { z } from 'zod';

import { nationalNumber } from '@bitaqa/contracts';

/** Largest page of cases one request returns. */
export const MAX_CASE_PAGE = 100;

export const caseListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_CASE_PAGE).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  status: z.enum(['open', 'merged', 'kept-apart']).default('open'),
});

export type CaseListQuery = z.infer<typeof caseListQuery>;

export const caseIdParams = z.object({ id: z.uuid('case id must be a UUID') });

export type CaseIdParams = z.infer<typeof caseIdParams>;

export const resolveCaseBody = z
  .strictObject({
    decision: z.enum(['merge', 'keep-apart']),
    operatorId: z
      .string()
      .trim()
      .regex(/^[\w.@-]{1,100}$/, 'operator id of 1-100 letters, digits and . _ @ -'),
    reason: z.string().trim().min(3).max(500),
    survivorNationalNumber: nationalNumber.optional(),
  })
  .refine((body) => body.decision === 'merge' || body.survivorNationalNumber === undefined, {
    message: 'only a merge names a survivor',
    path: ['survivorNationalNumber'],
  });

export type ResolveCaseBody = z.infer<typeof resolveCaseBody>;
