import { z } from 'zod';

const digits = (length: number) =>
  z.string().regex(new RegExp(`^\\d{${length}}$`), `must be ${length} digits`);

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);

    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'must be a real calendar date');

const arabicPart = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[\u0600-\u06FF\s]+$/, 'must be Arabic letters and spaces');

const latinPart = z
  .string()
  .min(1)
  .max(80)
  .regex(
    /^[\p{Script=Latin}][\p{Script=Latin} '\-.]*$/u,
    'must be Latin letters, spaces, hyphens or apostrophes',
  );

function personNameSchema<T extends z.ZodString>(part: T) {
  return z.object({
    given: part,
    father: part.optional(),
    mother: part.optional(),
    family: part,
  });
}

/** Holder data written to EF 0101 and printed, in part, in the MRZ. */
export const holderDataSchema = z.object({
  nationalNumber: digits(11),
  arabicName: personNameSchema(arabicPart),
  latinName: personNameSchema(latinPart),
  birthDate: isoDate,
  sex: z.enum(['M', 'F']),
  /** Family book id; null for a person not (yet) in a family book. */
  familyId: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,32}$/, 'must be 1 to 32 letters, digits or hyphens')
    .nullable(),
  /** OCHA p-code of the governorate, SY01 to SY14. */
  governoratePcode: z
    .string()
    .regex(/^SY(0[1-9]|1[0-4])$/, 'must be a governorate p-code SY01 to SY14'),
});

export type HolderData = z.infer<typeof holderDataSchema>;

export type PersonName = HolderData['arabicName'];
