import type { Server } from 'node:http';

import request from 'supertest';

import { TEST_OPERATOR_API_KEY } from './registry-harness';

export const OPERATOR_AUTH = `Bearer ${TEST_OPERATOR_API_KEY}`;

let nextAgency = 0;

export interface TestPolicy {
  attributes: string[];
  purposes: string[];
  requestsPerWindow?: number | null;
}

export interface TestAgency {
  apiKey: string;
  /** Value of the Authorization header. */
  auth: string;
  keyId: string;
  serviceId: string;
}

/** Creates an agency through the operator API, issues it a key and approves `policy` if given. */
export async function createAgency(
  server: Server,
  policy?: TestPolicy,
  name = 'Ministry of Social Affairs',
): Promise<TestAgency> {
  nextAgency += 1;

  const serviceId = `agency-${process.pid}-${nextAgency}`;
  const created = await request(server)
    .post('/agencies')
    .set('authorization', OPERATOR_AUTH)
    .send({ name, serviceId });

  if (created.status !== 201) throw new Error(`agency not created: ${created.text}`);

  const key = await request(server)
    .post(`/agencies/${serviceId}/api-keys`)
    .set('authorization', OPERATOR_AUTH);

  if (key.status !== 201) throw new Error(`key not issued: ${key.text}`);

  if (policy !== undefined) await approvePolicy(server, serviceId, policy);

  return {
    apiKey: key.body.apiKey,
    auth: `Bearer ${key.body.apiKey}`,
    keyId: key.body.id,
    serviceId,
  };
}

export async function approvePolicy(
  server: Server,
  serviceId: string,
  policy: TestPolicy,
): Promise<request.Response> {
  const response = await request(server)
    .put(`/agencies/${serviceId}/policy`)
    .set('authorization', OPERATOR_AUTH)
    .send({ approvalReference: 'MSA-2024-17', approvedBy: 'operator-7', ...policy });

  if (response.status !== 200) throw new Error(`policy not approved: ${response.text}`);

  return response;
}
