import { z } from 'zod';

import { reasonWhenForced, retireFields } from './retire-key-version.body';

/**
 * Body of POST /keys/versions: what happens to the version that is active now, and `force` with
 * a reason when it goes straight to retired with cards still on it. No body is {}.
 */
export const startKeyVersionBody = z.preprocess(
  (body) => body ?? {},
  z
    .object({
      ...retireFields,
      previous: z
        .enum(['retiring', 'retired'], { error: 'previous must be retiring or retired' })
        .default('retiring'),
    })
    .strict()
    .superRefine(reasonWhenForced),
);

export type StartKeyVersionBody = z.infer<typeof startKeyVersionBody>;
