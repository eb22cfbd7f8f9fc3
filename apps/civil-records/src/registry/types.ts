export type Sex = 'F' | 'M';

export type FamilyRole = 'child' | 'head' | 'wife';

/** A person as the register stores them; dates are ISO calendar dates (YYYY-MM-DD). */
export interface PersonRecord {
  birthDate: string;
  birthPlace: string;
  dateOfDeath: string | null;
  externalRef: string | null;
  familyNameAr: string;
  fatherNameAr: string;
  fatherNationalNumber: string | null;
  givenNameAr: string;
  grandfatherNameAr: string | null;
  motherNameAr: string;
  motherNationalNumber: string | null;
  nationalNumber: string;
  registrationGovernorate: string;
  sex: Sex;
}

/** A current member of a family book as FamilyUpdated events describe them. */
export interface MemberState {
  alive: boolean;
  birthDate: string;
  joinedOn: string;
  /** Row id of the stored membership; undefined until the membership is saved. */
  membershipId?: string;
  nationalNumber: string;
  role: FamilyRole;
  sex: Sex;
}

/** A family book loaded for change, or created by the current request. */
export interface FamilyState {
  /** Empty for a family created by the current request until ids are allocated on save. */
  familyId: string;
  governorate: string;
  headNationalNumber: string;
  isNew: boolean;
  members: MemberState[];
  version: number;
}
