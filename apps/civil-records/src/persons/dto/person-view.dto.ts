import { z } from 'zod';

import { isoDate, nationalNumber } from '@bitaqa/contracts';

import type { JournalEntry } from '../../registry/journal';
import type { FamilyRole, PersonRecord } from '../../registry/types';
import type { CourtReference } from '../../registry/validators';

export const nationalNumberParams = z.object({ nationalNumber });

/** Query of a read that may show the record as it stood on a past date. */
export const asOfQuery = z.strictObject({ asOf: isoDate.optional() });

export type AsOfQuery = z.infer<typeof asOfQuery>;

export interface MembershipView {
  familyId: string;
  joinedOn: string;
  /** Date the person moved to another family book; null while a current member. */
  leftOn: string | null;
  role: FamilyRole;
}

export interface MarriageView {
  /** Court decision that let a spouse aged 15 to 17 marry; null or absent without one. */
  courtDecision?: CourtReference | null;
  date: string;
  endedOn: string | null;
  familyId: string;
  husbandNationalNumber: string;
  marriageId: string;
  status: 'active' | 'divorced' | 'widowed';
  wifeNationalNumber: string;
}

export interface PersonView extends PersonRecord {
  alive: boolean;
  /** Date the view shows the record as it stood on; absent for the current record. */
  asOf?: string;
  families: MembershipView[];
  marriages: MarriageView[];
}

export interface PersonHistory {
  /** Every change in (effective date, change id) order, registration first. */
  changes: JournalEntry[];
  nationalNumber: string;
}
