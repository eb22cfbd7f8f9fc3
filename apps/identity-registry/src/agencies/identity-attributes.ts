import type { Identity } from '../identities/identity';

/** Identity attributes a policy can grant, named as in requests, responses and the lookup log. */
export const IDENTITY_ATTRIBUTES = [
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
  'motherNameAr',
  'motherNationalNumber',
  'sex',
  'status',
] as const satisfies ReadonlyArray<keyof Identity>;

export type IdentityAttribute = (typeof IDENTITY_ATTRIBUTES)[number];

export type ReleasedAttributes = Partial<Pick<Identity, IdentityAttribute>>;

const KNOWN: ReadonlySet<string> = new Set(IDENTITY_ATTRIBUTES);

export function isIdentityAttribute(name: string): name is IdentityAttribute {
  return KNOWN.has(name);
}

/** Copies the named attributes of an identity, in the order given. */
export function pickAttributes(
  identity: Identity,
  attributes: readonly IdentityAttribute[],
): ReleasedAttributes {
  const released: Record<string, unknown> = {};

  for (const attribute of attributes) released[attribute] = identity[attribute];

  return released as ReleasedAttributes;
}
