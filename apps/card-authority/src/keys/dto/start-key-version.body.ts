import { z } from 'zod';

/** Body of POST /keys/versions: what happens to the version that is active now. No body is {}. */
export const startKeyVersionBody = z.preprocess(
  (body) => body ?? {},
  z
    .object({
      previous: z
        .enum(['retiring', 'retired'], { error: 'previous must be retiring or retired' })
        .default('retiring'),
    })
    .strict(),
);

export type StartKeyVersionBody = z.infer<typeof startKeyVersionBody>;
