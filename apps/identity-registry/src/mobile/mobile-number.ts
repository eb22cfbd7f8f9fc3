import { z } from 'zod';

import { syrianMobileNumber } from '@bitaqa/contracts';

/** Arabic-Indic (U+0660-0669) and Eastern Arabic-Indic (U+06F0-06F9) digits, as phones type them. */
const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** Separators people type inside numbers: spaces, hyphens, dots, brackets. */
const SEPARATORS = /[\s\-.()]/g;

/** Replaces Arabic-Indic digits with ASCII digits. */
export function asciiDigits(text: string): string {
  return text.replace(ARABIC_DIGITS, (digit) => {
    const code = digit.charCodeAt(0);

    return String(code - (code >= 0x06f0 ? 0x06f0 : 0x0660));
  });
}

/**
 * Returns a Syrian mobile number in E.164 form (+9639XXXXXXXX), or undefined when `input` is not
 * one. Accepts the E.164 form, the international form 009639XXXXXXXX and the national form
 * 09XXXXXXXX, with separators and Arabic-Indic digits.
 */
export function normalizeMobileNumber(input: string): string | undefined {
  const compact = asciiDigits(input).replace(SEPARATORS, '');
  const subscriber = /^(?:\+963|00963|0)(9\d{8})$/.exec(compact)?.[1];

  return subscriber === undefined ? undefined : `+963${subscriber}`;
}

/** A mobile number as callers send it, parsed to E.164. */
export const mobileNumberInput = z
  .string()
  .max(40)
  .transform((input, context) => {
    const normalized = normalizeMobileNumber(input);

    if (normalized === undefined) {
      context.addIssue({
        code: 'custom',
        message: 'must be a Syrian mobile number such as +963944123456 or 0944123456',
      });

      return z.NEVER;
    }

    return normalized;
  })
  .pipe(syrianMobileNumber);
