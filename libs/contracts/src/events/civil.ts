import { z } from 'zod';

import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import {
  arabicName,
  familyId,
  governorateCode,
  isoDate,
  nationalNumber,
  placeCode,
  positiveInt,
  sex,
} from '../values';

export const personRegisteredData = z.object({
  birthDate: isoDate,
  birthPlace: placeCode,
  familyNameAr: arabicName,
  fatherNameAr: arabicName,
  fatherNationalNumber: nationalNumber.nullable(),
  givenNameAr: arabicName,
  grandfatherNameAr: arabicName.nullable(),
  motherNameAr: arabicName,
  motherNationalNumber: nationalNumber.nullable(),
  nationalNumber,
  /** `birth` for a newborn, `import` for a person taken over from the existing register. */
  reason: z.enum(['birth', 'import']),
  registrationGovernorate: governorateCode,
  sex,
});

export const personDiedData = z.object({
  dateOfDeath: isoDate,
  nationalNumber,
});

export const familyMember = z.object({
  alive: z.boolean(),
  birthDate: isoDate,
  nationalNumber,
  role: z.enum(['child', 'head', 'wife']),
  sex,
});

/**
 * The whole family book entry after a change: consumers replace what they hold, so a lost or
 * reordered intermediate state cannot leave them wrong. `version` grows by one per change.
 */
export const familyUpdatedData = z.object({
  familyId,
  governorate: governorateCode,
  headNationalNumber: nationalNumber,
  members: z.array(familyMember).min(1),
  reason: z.enum(['birth', 'death', 'divorce', 'import', 'marriage', 'correction']),
  version: positiveInt,
});

/** Court decision behind a change of the register: the court, its decision number and date. */
export const courtDecisionRef = z.object({
  court: z.string().min(2).max(120),
  date: isoDate,
  number: z.string().min(1).max(40),
});

/** Record fields a court-ordered correction may change. */
export const correctableField = z.enum([
  'birthDate',
  'birthPlace',
  'dateOfDeath',
  'familyNameAr',
  'fatherNameAr',
  'givenNameAr',
  'grandfatherNameAr',
  'motherNameAr',
]);

/**
 * A person's full record after a court-ordered correction, with the fields it changed and the
 * decision behind it. Consumers replace what they hold; `effectiveOn` is the decision date.
 */
export const personCorrectedData = personRegisteredData.omit({ reason: true }).extend({
  changedFields: z.array(correctableField).min(1),
  /** Id of the correction at civil records. */
  correctionId: z.string().regex(/^\d+$/, 'decimal id'),
  dateOfDeath: isoDate.nullable(),
  decision: courtDecisionRef,
  effectiveOn: isoDate,
});

export const PersonRegistered = defineEvent({
  key: (data) => data.nationalNumber,
  schema: personRegisteredData,
  topic: Topics.civilPersons,
  type: 'sy.gov.civil.person-registered.v1',
});

export const PersonDied = defineEvent({
  key: (data) => data.nationalNumber,
  schema: personDiedData,
  topic: Topics.civilPersons,
  type: 'sy.gov.civil.person-died.v1',
});

export const PersonCorrected = defineEvent({
  key: (data) => data.nationalNumber,
  schema: personCorrectedData,
  topic: Topics.civilPersons,
  type: 'sy.gov.civil.person-corrected.v1',
});

export const FamilyUpdated = defineEvent({
  key: (data) => data.familyId,
  schema: familyUpdatedData,
  topic: Topics.civilFamilies,
  type: 'sy.gov.civil.family-updated.v1',
});
