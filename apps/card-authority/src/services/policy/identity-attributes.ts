import { IDENTITY_ATTRIBUTES, type IdentityAttribute } from '@bitaqa/contracts';

/** Identity attributes an agency may ask the identity registry for, as its policies name them. */
export { IDENTITY_ATTRIBUTES, type IdentityAttribute };

/** Security levels of a service: 1 basic, 2 handles personal data, 3 handles sensitive data. */
export const SECURITY_LEVELS = [1, 2, 3] as const;

export type SecurityLevel = (typeof SECURITY_LEVELS)[number];

/**
 * Lowest security level a service needs to receive each attribute. Every identity lookup sends
 * a national number, so any attribute needs level 2. Parents' and grandparents' names and
 * national numbers link a person to relatives, so they need level 3.
 */
export const ATTRIBUTE_SECURITY_LEVELS: Readonly<Record<IdentityAttribute, SecurityLevel>> = {
  birthDate: 2,
  birthPlace: 2,
  dateOfDeath: 2,
  familyId: 2,
  familyNameAr: 2,
  familyNameLatin: 2,
  familyRole: 2,
  fatherNameAr: 3,
  fatherNationalNumber: 3,
  givenNameAr: 2,
  givenNameLatin: 2,
  governorate: 2,
  grandfatherNameAr: 3,
  motherNameAr: 3,
  motherNationalNumber: 3,
  sex: 2,
  status: 2,
};
