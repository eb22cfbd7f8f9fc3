import { isValidLuhn } from '@bitaqa/contracts';
import { z } from 'zod';

import { CARD_ISSUER_PREFIX } from '../card-number';

/** Card number in a request: 16 digits, the issuer prefix, and a matching check digit. */
export const cardNumberInput = z
  .string()
  .regex(/^\d{16}$/, 'card number must be 16 digits')
  .refine(
    (value) => value.startsWith(CARD_ISSUER_PREFIX),
    `card number must start with the issuer prefix ${CARD_ISSUER_PREFIX}`,
  )
  .refine(isValidLuhn, 'card number check digit does not match');

export const cardParams = z.object({ cardNumber: cardNumberInput });

export type CardParams = z.infer<typeof cardParams>;
