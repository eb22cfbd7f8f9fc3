import type { FamilyRole, Identity, IdentityStatus, Sex } from './identity';

/** An identity as the HTTP API returns it and the cache stores it. */
export interface IdentityView {
  birthDate: string;
  birthPlace: string;
  dateOfDeath: string | null;
  familyId: string | null;
  familyNameAr: string;
  familyNameLatin: string;
  familyRole: FamilyRole | null;
  fatherNameAr: string;
  fatherNationalNumber: string | null;
  givenNameAr: string;
  givenNameLatin: string;
  governorate: string;
  grandfatherNameAr: string | null;
  /** Where to look instead: the survivor's national number when the status is merged. */
  mergedInto: string | null;
  motherNameAr: string;
  motherNationalNumber: string | null;
  nationalNumber: string;
  sex: Sex;
  status: IdentityStatus;
  /** ISO timestamp of the last change. */
  updatedAt: string;
  version: number;
}

export function toIdentityView(identity: Identity): IdentityView {
  return { ...identity, updatedAt: identity.updatedAt.toISOString() };
}
