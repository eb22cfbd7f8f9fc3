import type { FamilyRole, Sex } from '../registry/types';

export type DocumentType = 'civil-status-extract' | 'family-sheet';

/** A person's name as the register chains it: given, father's, grandfather's and family name. */
export interface NameChain {
  family: string;
  father: string;
  /** Names joined with single spaces in that order, as printed. */
  full: string;
  given: string;
  /** Null for a person imported without one. */
  grandfather: string | null;
}

/** An administrative division by OCHA p-code, with its Arabic name from the reference data. */
export interface PlaceName {
  nameAr: string;
  pcode: string;
}

/**
 * A place of birth. The register stores one p-code, which may name a governorate, a district or
 * a sub-district. The levels above it are filled in and the levels below it are null. All three
 * are null for a p-code that the reference data no longer lists.
 */
export interface BirthPlace {
  district: PlaceName | null;
  governorate: PlaceName | null;
  pcode: string;
  subDistrict: PlaceName | null;
}

export type CivilStatus = 'divorced' | 'married' | 'single' | 'widowed';

export interface PersonFacts {
  birthDate: string;
  birthPlace: BirthPlace;
  civilStatus: CivilStatus;
  dateOfDeath: string | null;
  /** Current family book of the person; null for a person listed in none. */
  familyId: string | null;
  motherName: string;
  name: NameChain;
  nationalNumber: string;
  registrationGovernorate: PlaceName;
  sex: Sex;
}

/** Fields every issued document carries, whatever its type. */
export interface IssuedFields {
  documentType: DocumentType;
  /** Date of issue in Damascus, YYYY-MM-DD. */
  issuedOn: string;
  /** Document serial such as `EX-0000000042`, unique across every document issued. */
  serial: string;
  /** Lower-case hex SHA-256 of the canonical JSON of every other field of the document. */
  sha256: string;
}

/** A civil status extract (إخراج قيد فردي) of one person. */
export interface CivilStatusExtract extends IssuedFields {
  documentType: 'civil-status-extract';
  person: PersonFacts;
}

export interface SheetPerson {
  alive: boolean;
  birthDate: string;
  dateOfDeath: string | null;
  name: NameChain;
  nationalNumber: string;
  sex: Sex;
}

export interface SheetWife extends SheetPerson {
  marriageDate: string;
  /** Date a divorce or a death ended the marriage; null while it lasts. */
  marriageEndedOn: string | null;
  marriageStatus: 'active' | 'divorced' | 'widowed';
}

export interface SheetChild extends SheetPerson {
  motherName: string;
  /** Null for a child imported without a link to the mother's record. */
  motherNationalNumber: string | null;
}

export interface SheetFormerMember extends SheetPerson {
  joinedOn: string;
  leftOn: string;
  role: FamilyRole;
}

/** A family sheet (بيان عائلي) of one family book. */
export interface FamilySheet extends IssuedFields {
  documentType: 'family-sheet';
  family: {
    children: SheetChild[];
    familyId: string;
    formerMembers: SheetFormerMember[];
    governorate: PlaceName;
    head: SheetPerson & { motherName: string };
    /** Every marriage recorded in this book, oldest first, whatever its status. */
    wives: SheetWife[];
  };
}

export type IssuedDocument = CivilStatusExtract | FamilySheet;

/** A document before a serial, a date and a hash are given to it. */
export type DocumentBody<D extends IssuedDocument> = Omit<D, keyof IssuedFields>;
