import { z } from 'zod';

import { nationalNumber } from '@bitaqa/contracts';

import type { FamilyRole, PersonRecord } from '../../registry/types';

export const nationalNumberParams = z.object({ nationalNumber });

export interface MembershipView {
  familyId: string;
  joinedOn: string;
  /** Date the person moved to another family book; null while a current member. */
  leftOn: string | null;
  role: FamilyRole;
}

export interface MarriageView {
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
  families: MembershipView[];
  marriages: MarriageView[];
}
