import type { IdentityAttribute } from './identity-attributes';

/** Rule of a purpose code: the identity data it lets a service request from the registry. */
export interface PurposeRule {
  /** Attributes the purpose justifies. An application may request fewer. */
  attributes: readonly IdentityAttribute[];
  description: string;
  /**
   * Whether the purpose justifies receiving attribute values (scope identity:release). Without
   * it the service may only check claimed values against the registry (identity:verify).
   */
  releasesAttributes: boolean;
}

const NAMES: readonly IdentityAttribute[] = [
  'familyNameAr',
  'familyNameLatin',
  'givenNameAr',
  'givenNameLatin',
];

/** Purpose codes an application may state, each with the attributes it justifies. */
export const PURPOSES = {
  'age-verification': {
    attributes: ['birthDate', 'status'],
    description: 'confirm that a person is alive and above or below an age',
    releasesAttributes: false,
  },
  'card-status-monitoring': {
    attributes: [],
    description: 'follow card status changes, such as a hotlist, without identity data',
    releasesAttributes: false,
  },
  'civil-status-certification': {
    attributes: [
      ...NAMES,
      'birthDate',
      'birthPlace',
      'dateOfDeath',
      'familyId',
      'familyRole',
      'fatherNameAr',
      'fatherNationalNumber',
      'grandfatherNameAr',
      'motherNameAr',
      'motherNationalNumber',
      'sex',
      'status',
    ],
    description: 'courts and notaries certifying a person and their parentage',
    releasesAttributes: true,
  },
  'health-insurance': {
    attributes: [...NAMES, 'birthDate', 'dateOfDeath', 'governorate', 'sex', 'status'],
    description: 'enrol people in a health insurance scheme and keep the roll current',
    releasesAttributes: true,
  },
  'identity-verification': {
    attributes: [...NAMES, 'birthDate', 'fatherNameAr', 'sex', 'status'],
    description: 'check that a person is who they claim to be',
    releasesAttributes: false,
  },
  'residence-verification': {
    attributes: [...NAMES, 'birthPlace', 'governorate', 'status'],
    description: 'check the governorate a person is registered in',
    releasesAttributes: false,
  },
  'social-benefit-eligibility': {
    attributes: [...NAMES, 'birthDate', 'familyId', 'familyRole', 'governorate', 'sex', 'status'],
    description: 'decide whether a household qualifies for a benefit',
    releasesAttributes: true,
  },
} as const satisfies Record<string, PurposeRule>;

export type PurposeCode = keyof typeof PURPOSES;

export const PURPOSE_CODES = Object.keys(PURPOSES).sort() as [PurposeCode, ...PurposeCode[]];

export function purposeRule(code: PurposeCode): PurposeRule {
  return PURPOSES[code];
}
