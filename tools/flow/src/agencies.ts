import { expectStatus } from './http-json';

export interface AgencySpec {
  attributes: string[];
  name: string;
  purposes: string[];
  serviceId: string;
}

/**
 * Registers an agency at the identity registry as the operator, approves its policy and returns
 * a new API key for it. An agency left from an earlier run (409) keeps its id and gets the
 * policy restated, which changes nothing when it is the same.
 */
export async function provisionAgency(
  identityUrl: string,
  operatorKey: string,
  spec: AgencySpec,
): Promise<string> {
  const key = operatorKey;

  await expectStatus([201, 409], 'POST', `${identityUrl}/agencies`, {
    body: { name: spec.name, serviceId: spec.serviceId },
    key,
  });

  await expectStatus(200, 'PUT', `${identityUrl}/agencies/${spec.serviceId}/policy`, {
    body: {
      approvalReference: `FLOW/${spec.serviceId}`,
      approvedBy: 'flow-operator',
      attributes: spec.attributes,
      purposes: spec.purposes,
    },
    key,
  });

  const issued = await expectStatus<{ apiKey: string }>(
    201,
    'POST',
    `${identityUrl}/agencies/${spec.serviceId}/api-keys`,
    { key },
  );

  return issued.apiKey;
}
