/**
 * Identity attributes an agency policy at the identity registry can grant, named as in its
 * requests, responses and lookup log. The card authority's onboarding checks applications
 * against the same list.
 */
export const IDENTITY_ATTRIBUTES = [
  'birthDate',
  'birthPlace',
  'dateOfDeath',
  'familyId',
  'familyNameAr',
  'familyNameLatin',
  'familyRole',
  'fatherNameAr',
  'fatherNationalNumber',
  'givenNameAr',
  'givenNameLatin',
  'governorate',
  'grandfatherNameAr',
  'motherNameAr',
  'motherNationalNumber',
  'sex',
  'status',
] as const;

export type IdentityAttribute = (typeof IDENTITY_ATTRIBUTES)[number];
