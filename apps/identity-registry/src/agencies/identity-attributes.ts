import { IDENTITY_ATTRIBUTES, type IdentityAttribute } from '@bitaqa/contracts';

import type { Identity } from '../identities/identity';

export { IDENTITY_ATTRIBUTES, type IdentityAttribute };

// Every attribute a policy can grant must be a field of the registry's identity.
IDENTITY_ATTRIBUTES satisfies ReadonlyArray<keyof Identity>;

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
