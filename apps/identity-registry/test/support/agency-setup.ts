import request from 'supertest';

import type { RegistryHarness } from './registry-harness';
import { agencyAuthorization } from './tokens';

let nextAgency = 0;

export interface TestPolicy {
  attributes: string[];
  purposes: string[];
  requestsPerWindow?: number | null;
}

export interface TestAgency {
  /** `Authorization` header value of a service token naming the agency (see AGENCY_SCOPES). */
  auth: string;
  serviceId: string;
}

/**
 * Creates an agency through the API with the harness's operator token, approves `policy` if
 * given, and signs a service token for it.
 */
export async function createAgency(
  harness: RegistryHarness,
  policy?: TestPolicy,
  name = 'Ministry of Social Affairs',
): Promise<TestAgency> {
  nextAgency += 1;

  const serviceId = `agency-${process.pid}-${nextAgency}`;
  const created = await request(harness.httpServer)
    .post('/agencies')
    .set('authorization', harness.operatorAuth)
    .send({ name, serviceId });

  if (created.status !== 201) throw new Error(`agency not created: ${created.text}`);

  if (policy !== undefined) await approvePolicy(harness, serviceId, policy);

  return { auth: await agencyAuthorization(serviceId), serviceId };
}

export async function approvePolicy(
  harness: RegistryHarness,
  serviceId: string,
  policy: TestPolicy,
): Promise<request.Response> {
  const response = await request(harness.httpServer)
    .put(`/agencies/${serviceId}/policy`)
    .set('authorization', harness.operatorAuth)
    .send({ approvalReference: 'MSA-2024-17', approvedBy: 'operator-7', ...policy });

  if (response.status !== 200) throw new Error(`policy not approved: ${response.text}`);

  return response;
}
