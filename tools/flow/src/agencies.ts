import type { TokenSource } from '@bitaqa/auth';

import { expectStatus } from './http-json';

export interface AgencySpec {
  attributes: string[];
  name: string;
  purposes: string[];
  serviceId: string;
}

/**
 * Registers an agency at the identity registry and approves its policy, as the registry's
 * operator with scope identity:agencies. An agency left from an earlier run (409) keeps its id
 * and gets the policy restated, which changes nothing when it is the same. The agency's callers
 * get their tokens from the card authority, not from the registry.
 */
export async function registerAgency(
  identityUrl: string,
  operator: TokenSource,
  spec: AgencySpec,
): Promise<void> {
  await expectStatus([201, 409], 'POST', `${identityUrl}/agencies`, {
    auth: operator,
    body: { name: spec.name, serviceId: spec.serviceId },
  });

  await expectStatus(200, 'PUT', `${identityUrl}/agencies/${spec.serviceId}/policy`, {
    auth: operator,
    body: {
      approvalReference: `FLOW/${spec.serviceId}`,
      approvedBy: 'flow-operator',
      attributes: spec.attributes,
      purposes: spec.purposes,
    },
  });
}
