import { z } from 'zod';

import { familyId } from '@bitaqa/contracts';

import type { FamilyRole, Sex } from '../registry/types';

export const familyIdParams = z.object({ familyId });

export interface FamilyMemberView {
  alive: boolean;
  birthDate: string;
  familyNameAr: string;
  givenNameAr: string;
  joinedOn: string;
  /** Date the member moved to another family book; null for a current member. */
  leftOn: string | null;
  nationalNumber: string;
  role: FamilyRole;
  sex: Sex;
}

export interface FamilyView {
  /** Date the view shows the book as it stood on; absent for the current book. */
  asOf?: string;
  familyId: string;
  /** Members who left the book, such as a daughter who married into another family. */
  formerMembers: FamilyMemberView[];
  governorate: string;
  headNationalNumber: string;
  members: FamilyMemberView[];
  /** Current version of the book, also in a view of a past date. */
  version: number;
}
