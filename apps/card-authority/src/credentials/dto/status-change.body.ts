import { z } from 'zod';

/** Body of a credential status change or secret rotation: the reason, kept in the credential log. */
export const statusChangeBody = z
  .object({ reason: z.string().trim().min(3, 'must say why, in at least 3 characters').max(500) })
  .strict();

export type StatusChangeBody = z.infer<typeof statusChangeBody>;
