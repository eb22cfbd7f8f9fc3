import type { Admin } from 'kafkajs';

import { ServiceApproved, Topics } from '@bitaqa/contracts';
import { listKafkaAccess, revokeKafkaAccess } from '@bitaqa/messaging';
import { testKafka } from '@bitaqa/testing';

import type { IssuedSecret } from '../src/credentials/credential';
import type { ApplicationView, OperationView, StepView } from '../src/services/application';
import type { DecisionResult } from '../src/services/applications/service-decisions.service';

import { requestToken } from './support/credentials';
import { Harness } from './support/harness';
import { approve, healthApplication, submitted } from './support/services-builders';
import { freePort, TestIdentityRegistry } from './support/services-registry';

interface AgencyDetails {
  policy: { attributes: string[] } | null;
  status: string;
}

let admin: Admin;
let harness: Harness;
let registry: TestIdentityRegistry;
const clients: string[] = [];
const createdTopics: string[] = [];

// The registry's port is fixed before the card authority starts, and the registry itself starts
// only when a test brings it up, so the first approvals meet a registry that is down.
beforeAll(async () => {
  const port = await freePort();

  process.env['IDENTITY_REGISTRY_URL'] = `http://127.0.0.1:${port}`;
  harness = await Harness.start('services_retry');
  registry = await TestIdentityRegistry.create('retry', harness.prefix, port);
  admin = testKafka().admin();
  await admin.connect();
});

afterAll(async () => {
  for (const clientId of clients) await revokeKafkaAccess(admin, clientId);
  if (createdTopics.length > 0) await admin.deleteTopics({ topics: createdTopics });
  await admin?.disconnect();
  await registry?.close();
  await harness?.close();
});

function stepStates(operation: OperationView | undefined): string[] {
  return (operation?.steps ?? []).map((step) => `${step.name}:${step.status}`);
}

function step(operation: OperationView | undefined, name: string): StepView | undefined {
  return operation?.steps.find((candidate) => candidate.name === name);
}

async function retry(id: string): Promise<DecisionResult> {
  const { body, status } = await harness.http<DecisionResult>(
    'POST',
    `/service-applications/${id}/retry`,
    {},
  );

  if (status !== 200) throw new Error(`retry returned ${status}: ${JSON.stringify(body)}`);

  return body;
}

/** Submits and approves a service while the registry is down. */
async function approveWhileRegistryDown(): Promise<DecisionResult> {
  const application = healthApplication();
  const view = await submitted(harness, application);
  const { body, status } = await approve(harness, view.id);

  expect(status).toBe(200);
  clients.push(application.serviceId);
  createdTopics.push(...application.topics.write.map((topic) => harness.topic(topic as never)));

  return body;
}

describe('provisioning with the registry down', () => {
  let first: DecisionResult;
  let secret: IssuedSecret;

  beforeAll(async () => {
    await registry.stop();
    first = await approveWhileRegistryDown();
    secret = first.issuedCredentials as IssuedSecret;
  });

  it('stops at the registry step', () => {
    const operation = first.application.operations[0];

    expect(first.application.status).toBe('provisioning');
    expect(operation?.status).toBe('failed');
    expect(stepStates(operation)).toEqual([
      'credentials:done',
      'topics:done',
      'acls:done',
      'registry-policy:failed',
      'card-slot:pending',
      'catalog:pending',
    ]);
    expect(step(operation, 'registry-policy')?.lastError?.code).toBe(
      'IDENTITY_REGISTRY_UNREACHABLE',
    );
    expect(step(operation, 'registry-policy')?.lastError?.retriable).toBe(true);
  });

  it('hands out the secret once', () => {
    expect(secret.clientId).toBe(first.application.serviceId);
    expect(secret.clientSecret.length).toBeGreaterThan(20);
    expect(JSON.stringify(first.application)).not.toContain(secret.clientSecret);
  });

  it('keeps the service out of the catalog', async () => {
    const { status } = await harness.http(
      'GET',
      `/services/${first.application.serviceId}`,
      undefined,
      null,
    );

    expect(status).toBe(404);
  });

  it('refuses to suspend a half-provisioned service', async () => {
    const { body, status } = await harness.http<{ error: { code: string } }>(
      'POST',
      `/services/${first.application.serviceId}/suspend`,
      { reason: 'testing the guard' },
    );

    expect(status).toBe(409);
    expect(body.error.code).toBe('SERVICE_STATUS_CONFLICT');
  });

  it('fails again while the registry is down', async () => {
    const again = await retry(first.application.id);
    const operation = again.application.operations[0];

    expect(again.application.status).toBe('provisioning');
    expect(operation?.status).toBe('failed');
    expect(step(operation, 'registry-policy')?.attempts).toBe(2);
    expect(step(operation, 'credentials')?.attempts).toBe(1);
    expect(again.issuedCredentials).toBeNull();
  });

  it('completes once the registry is back', async () => {
    await registry.start();

    const done = await retry(first.application.id);
    const operation = done.application.operations[0];
    const agency = await registry.agency<AgencyDetails>(first.application.serviceId);

    expect(done.application.status).toBe('active');
    expect(operation?.status).toBe('completed');
    expect(stepStates(operation)).toEqual([
      'credentials:done',
      'topics:done',
      'acls:done',
      'registry-policy:done',
      'card-slot:done',
      'catalog:done',
    ]);
    expect(step(operation, 'topics')?.attempts).toBe(1);
    expect(done.issuedCredentials).toBeNull();
    expect(agency.body.policy?.attributes.length).toBe(4);
    expect((await requestToken(harness, secret)).status).toBe(200);
    expect(done.application.slot).not.toBeNull();
  });

  it('publishes the approval once', async () => {
    const records = await harness.readPublished(Topics.authorityServices);
    const approvals = records.filter(
      (record) =>
        record.key === first.application.serviceId && record.type === ServiceApproved.type,
    );

    expect(approvals).toHaveLength(1);
  });

  it('has nothing left to retry', async () => {
    const { body, status } = await harness.http<{ error: { code: string } }>(
      'POST',
      `/service-applications/${first.application.id}/retry`,
      {},
    );

    expect(status).toBe(409);
    expect(body.error.code).toBe('SERVICE_NOTHING_TO_RETRY');
  });
});

describe('revocation of a failed provisioning', () => {
  let failed: DecisionResult;

  beforeAll(async () => {
    await registry.stop();
    failed = await approveWhileRegistryDown();
  });

  it('revokes at once and retries the rest', async () => {
    const serviceId = failed.application.serviceId;
    const revoked = await harness.http<DecisionResult>('POST', `/services/${serviceId}/revoke`, {
      reason: 'the agency withdrew its application',
    });
    const [provision, revoke] = revoked.body.application.operations;

    expect(revoked.status).toBe(200);
    expect(revoked.body.application.status).toBe('revoked');
    expect(provision?.status).toBe('superseded');
    expect(revoke?.status).toBe('failed');
    expect(stepStates(revoke)).toEqual([
      'credentials:done',
      'acls:done',
      'registry-policy:failed',
      'card-slot:pending',
    ]);
    expect(await listKafkaAccess(admin, serviceId)).toEqual([]);

    await registry.start();

    const done = await retry(failed.application.id);
    const retried = done.application.operations.at(-1);

    expect(retried?.status).toBe('completed');
    expect(step(retried, 'registry-policy')?.result).toEqual({
      policyVersion: null,
      suspended: false,
      withdrawn: false,
    });
    expect(step(retried, 'card-slot')?.status).toBe('skipped');
  });

  it('leaves the application revoked', async () => {
    const { body } = await harness.http<ApplicationView>(
      'GET',
      `/service-applications/${failed.application.id}`,
    );

    expect(body.status).toBe('revoked');
    expect(body.slot).toBeNull();
  });
});
