import { z } from 'zod';

import { asciiDigits, mobileNumberInput } from '../mobile-number';
import { CODE_LENGTH } from '../one-time-code';

export const codeRequestBody = z.strictObject({ mobileNumber: mobileNumberInput });

export type CodeRequestBody = z.infer<typeof codeRequestBody>;

/** The code as typed; Arabic-Indic digits and surrounding spaces are accepted. */
export const codeConfirmationBody = z.strictObject({
  code: z
    .string()
    .max(20)
    .transform((code) => asciiDigits(code).trim())
    .pipe(z.string().regex(new RegExp(`^\\d{${CODE_LENGTH}}$`), `must be ${CODE_LENGTH} digits`)),
});

export type CodeConfirmationBody = z.infer<typeof codeConfirmationBody>;
