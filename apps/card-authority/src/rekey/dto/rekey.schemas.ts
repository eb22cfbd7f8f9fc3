import { z } from 'zod';

import { cardNumberInput } from '../../cards/dto/card-number.schema';

export const rekeyParams = z.object({
  cardNumber: cardNumberInput,
  rekeyId: z.uuid({ error: 'rekeyId must be a UUID' }),
});

export type RekeyParams = z.infer<typeof rekeyParams>;

/** Body of POST .../complete: the card certificate read from the card after the proof. */
export const completeRekeyBody = z
  .object({
    certificate: z
      .base64({ error: 'certificate must be base64' })
      .min(4, 'certificate is required')
      .max(400, 'certificate must be at most 400 base64 characters'),
  })
  .strict();

export type CompleteRekeyBody = z.infer<typeof completeRekeyBody>;

/** Body of POST .../fail: why the reader gave up, for example the error code it got. */
export const failRekeyBody = z
  .object({
    reason: z
      .string({ error: 'reason is required' })
      .trim()
      .min(3, 'reason must be at least 3 characters')
      .max(500, 'reason must be at most 500 characters'),
  })
  .strict();

export type FailRekeyBody = z.infer<typeof failRekeyBody>;
