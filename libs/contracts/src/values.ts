import { z } from 'zod';

import { isValidNationalNumber } from './national-number';

/** ISO 8601 calendar date (YYYY-MM-DD) that exists on the calendar. */
export const isoDate = z.iso.date();

/** ISO 8601 timestamp with a UTC offset. */
export const isoDateTime = z.iso.datetime({ offset: true });

export const nationalNumber = z
  .string()
  .regex(/^\d{11}$/, 'national number must be 11 digits')
  .refine(isValidNationalNumber, 'national number check digit does not match');

/** OCHA p-code of one of Syria's 14 governorates, SY01 to SY14. */
export const governorateCode = z
  .string()
  .regex(/^SY(0[1-9]|1[0-4])$/, 'governorate p-code SY01-SY14');

/** OCHA p-code of a governorate, district or sub-district. */
export const placeCode = z.string().regex(/^SY\d{2}(\d{2}){0,2}$/, 'place p-code such as SY0101');

export const sex = z.enum(['F', 'M']);

/** Family book id issued by civil records, for example `FAM-SY01-000042`. */
export const familyId = z
  .string()
  .regex(/^FAM-SY\d{2}-\d{6,}$/, 'family id such as FAM-SY01-000042');

/** Card number: issuer prefix and a Luhn check digit, 16 digits. */
export const cardNumber = z.string().regex(/^\d{16}$/, 'card number must be 16 digits');

export const arabicName = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[\u0600-\u06FF\s]+$/, 'Arabic letters and spaces only');

export const latinName = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[A-Z' -]+$/, 'upper-case Latin letters, spaces, hyphens, apostrophes');

/** Non-negative whole number of millilitres or piastres. */
export const nonNegativeInt = z.number().int().nonnegative();

export const positiveInt = z.number().int().positive();
