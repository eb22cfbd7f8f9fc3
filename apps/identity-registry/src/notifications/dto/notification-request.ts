import { z } from 'zod';

import { nationalNumber } from '@bitaqa/contracts';

/** Reports control characters other than the line feed, which SMS handsets do not show. */
function hasControlCharacter(text: string): boolean {
  return [...text].some((character) => {
    const code = character.charCodeAt(0);

    return (code < 0x20 && code !== 0x0a) || code === 0x7f;
  });
}

export const notificationRequest = z.strictObject({
  /** 1-480 characters, counted as UTF-16 code units. */
  message: z
    .string()
    .min(1)
    .max(480)
    .refine((message) => message.trim().length > 0, 'must contain more than spaces')
    .refine((message) => !hasControlCharacter(message), 'must not contain control characters'),
  nationalNumber,
  purpose: z
    .string()
    .regex(/^[a-z][a-z0-9-]{2,39}$/, 'lower-case words joined by hyphens, such as fuel-turn'),
  reference: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,100}$/, '1-100 letters, digits, dots, colons, hyphens, underscores'),
});

export const notificationIdParams = z.object({ id: z.uuid() });
