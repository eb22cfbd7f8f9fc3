import type { EventData, IdentityUpdated, PersonRegistered } from '@bitaqa/contracts';

export type FamilyRole = 'child' | 'head' | 'wife';

/** `merged`: an operator found the identity to duplicate another one, its survivor. */
export type IdentityStatus = 'active' | 'deceased' | 'merged';

export type Sex = 'F' | 'M';

/** The facts civil records registered about a person, as the registry keeps them. */
export interface CivilRecord {
  /** ISO calendar date, YYYY-MM-DD. */
  birthDate: string;
  /** Place p-code such as SY0101. */
  birthPlace: string;
  familyNameAr: string;
  fatherNameAr: string;
  fatherNationalNumber: string | null;
  givenNameAr: string;
  grandfatherNameAr: string | null;
  /** Governorate p-code of first registration. */
  governorate: string;
  motherNameAr: string;
  motherNationalNumber: string | null;
  nationalNumber: string;
  sex: Sex;
}

/** A person's family book and role in it. */
export interface FamilyPlacement {
  familyId: string;
  familyRole: FamilyRole;
}

/** Everything the registry states about a person, apart from its bookkeeping. */
export interface IdentityState extends CivilRecord {
  /** ISO calendar date, set exactly when the status is deceased. */
  dateOfDeath: string | null;
  familyId: string | null;
  familyNameLatin: string;
  familyRole: FamilyRole | null;
  givenNameLatin: string;
  /** The survivor's national number, set exactly when the status is merged. */
  mergedInto: string | null;
  status: IdentityStatus;
}

export interface Identity extends IdentityState {
  updatedAt: Date;
  /** Grows by one with every change, as published in IdentityUpdated. */
  version: number;
}

const STATE_FIELDS: ReadonlyArray<keyof IdentityState> = [
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
  'mergedInto',
  'motherNameAr',
  'motherNationalNumber',
  'nationalNumber',
  'sex',
  'status',
];

/** Reports whether two states state the same facts; bookkeeping fields are not compared. */
export function sameIdentityState(left: IdentityState, right: IdentityState): boolean {
  return STATE_FIELDS.every((field) => left[field] === right[field]);
}

export function civilRecordFrom(data: EventData<typeof PersonRegistered.type>): CivilRecord {
  return {
    birthDate: data.birthDate,
    birthPlace: data.birthPlace,
    familyNameAr: data.familyNameAr,
    fatherNameAr: data.fatherNameAr,
    fatherNationalNumber: data.fatherNationalNumber,
    givenNameAr: data.givenNameAr,
    grandfatherNameAr: data.grandfatherNameAr,
    governorate: data.registrationGovernorate,
    motherNameAr: data.motherNameAr,
    motherNationalNumber: data.motherNationalNumber,
    nationalNumber: data.nationalNumber,
    sex: data.sex,
  };
}

/** Builds the IdentityUpdated data that carries an identity's full current state. */
export function identityUpdatedData(identity: Identity): EventData<typeof IdentityUpdated.type> {
  return {
    birthDate: identity.birthDate,
    familyId: identity.familyId,
    familyNameAr: identity.familyNameAr,
    familyNameLatin: identity.familyNameLatin,
    familyRole: identity.familyRole,
    fatherNameAr: identity.fatherNameAr,
    givenNameAr: identity.givenNameAr,
    givenNameLatin: identity.givenNameLatin,
    governorate: identity.governorate,
    mergedInto: identity.mergedInto,
    motherNameAr: identity.motherNameAr,
    nationalNumber: identity.nationalNumber,
    sex: identity.sex,
    status: identity.status,
    version: identity.version,
  };
}
