import type { AgencyPolicy } from '../agencies/agency';

/** The reason a policy does not cover a request. */
export interface Denial {
  code: 'ATTRIBUTE_NOT_PERMITTED' | 'POLICY_NOT_APPROVED' | 'PURPOSE_NOT_PERMITTED';
  field: string;
  hint: string;
  message: string;
  /** The attributes the policy does not grant, for ATTRIBUTE_NOT_PERMITTED. */
  denied: string[];
  value: unknown;
}

export type AccessDecision =
  { permitted: false; denial: Denial } | { permitted: true; policy: AgencyPolicy };

/**
 * Checks a request against the agency's policy: an approved policy must exist, it must list
 * the stated purpose, and it must grant every attribute requested or claimed.
 */
export function decideAccess(
  serviceId: string,
  policy: AgencyPolicy | undefined,
  purpose: string,
  attributes: readonly string[],
): AccessDecision {
  if (policy === undefined) {
    return { permitted: false, denial: notApproved(serviceId, purpose) };
  }

  if (!policy.purposes.includes(purpose)) {
    return { permitted: false, denial: purposeNotPermitted(serviceId, policy, purpose) };
  }

  const granted: ReadonlySet<string> = new Set(policy.attributes);
  const denied = attributes.filter((attribute) => !granted.has(attribute));

  if (denied.length === 0) return { permitted: true, policy };

  return { permitted: false, denial: attributesNotPermitted(serviceId, policy, denied) };
}

function notApproved(serviceId: string, purpose: string): Denial {
  return {
    code: 'POLICY_NOT_APPROVED',
    field: 'purpose',
    hint: 'the registry operators approve a policy with PUT /agencies/:serviceId/policy',
    message: `agency ${serviceId} has no approved policy`,
    denied: [],
    value: purpose,
  };
}

function purposeNotPermitted(serviceId: string, policy: AgencyPolicy, purpose: string): Denial {
  return {
    code: 'PURPOSE_NOT_PERMITTED',
    field: 'purpose',
    hint: `state one of the approved purposes: ${policy.purposes.join(', ')}`,
    message: `purpose ${purpose} is not approved for agency ${serviceId}`,
    denied: [],
    value: purpose,
  };
}

function attributesNotPermitted(serviceId: string, policy: AgencyPolicy, denied: string[]): Denial {
  return {
    code: 'ATTRIBUTE_NOT_PERMITTED',
    field: 'attributes',
    hint:
      policy.attributes.length === 0
        ? 'the policy grants no attributes'
        : `request only approved attributes: ${policy.attributes.join(', ')}`,
    message: `policy version ${policy.version} of agency ${serviceId} does not grant ${denied.join(', ')}`,
    denied,
    value: denied,
  };
}
