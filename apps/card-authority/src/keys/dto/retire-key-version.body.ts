import { z } from 'zod';

/**
 * Body of POST /keys/versions/:version/retire, and the part of POST /keys/versions that moves
 * the active version straight to retired. `force` retires a version with cards still on it and
 * needs a reason of at least 10 characters for the audit log. No body is {}.
 */
export const retireFields = {
  force: z.boolean({ error: 'force must be true or false' }).default(false),
  reason: z
    .string({ error: 'reason must be a string' })
    .trim()
    .min(10, 'reason must be at least 10 characters')
    .max(500, 'reason must be at most 500 characters')
    .optional(),
};

function reasonWhenForced(body: { force: boolean; reason?: string }, context: z.RefinementCtx) {
  if (body.force && body.reason === undefined) {
    context.addIssue({
      code: 'custom',
      message: 'reason is required when force is true',
      path: ['reason'],
    });
  }
}

export const retireKeyVersionBody = z.preprocess(
  (body) => body ?? {},
  z.object(retireFields).strict().superRefine(reasonWhenForced),
);

export type RetireKeyVersionBody = z.infer<typeof retireKeyVersionBody>;

export { reasonWhenForced };
