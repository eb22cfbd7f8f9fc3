import type { Admin } from 'kafkajs';

import {
  ServiceApproved,
  ServiceReinstated,
  ServiceRevoked,
  ServiceSuspended,
  Topics,
} from '@bitaqa/contracts';
import { listKafkaAccess, revokeKafkaAccess } from '@bitaqa/messaging';
import { testKafka } from '@bitaqa/testing';

import type { IssuedSecret } from '../src/credentials/credential';
import type { ApplicationView } from '../src/services/application';
import type { DecisionResult } from '../src/services/applications/service-decisions.service';
import type { CatalogEntry } from '../src/services/catalog/catalog.service';
import type { SubmitApplicationBody } from '../src/services/dto/submit-application.body';

import { createCredential, requestToken, uniqueClientId } from './support/credentials';
import { Harness } from './support/harness';
import { approve, healthApplication, submitted } from './support/services-builders';
import { freePort, TestIdentityRegistry } from './support/services-registry';

interface AgencyDetails {
  policy: { attributes: string[]; purposes: string[]; version: number } | null;
  status: string;
}

let admin: Admin;
let harness: Harness;
let registry: TestIdentityRegistry;
const clients: string[] = [];
const createdTopics: string[] = [];

// The card authority reads the registry's address when it starts, so the registry's port is
// chosen first.
beforeAll(async () => {
  const port = await freePort();

  process.env['IDENTITY_REGISTRY_URL'] = `http://127.0.0.1:${port}`;
  harness = await Harness.start('services_provisioning');
  registry = await TestIdentityRegistry.create('provisioning', harness.prefix, port);
  await registry.start();
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

async function serviceAction(
  serviceId: string,
  action: 'suspend' | 'reinstate' | 'revoke',
): Promise<DecisionResult> {
  const { body, status } = await harness.http<DecisionResult>(
    'POST',
    `/services/${serviceId}/${action}`,
    { reason: `${action} for the test` },
  );

  if (status !== 200) throw new Error(`${action} returned ${status}: ${JSON.stringify(body)}`);

  return body;
}

async function catalogEntry(serviceId: string): Promise<CatalogEntry> {
  const { body } = await harness.http<{ items: CatalogEntry[] }>(
    'GET',
    '/services',
    undefined,
    null,
  );
  const entry = body.items.find((item) => item.id === serviceId);

  if (entry === undefined) throw new Error(`${serviceId} is not in the catalog`);

  return entry;
}

describe('service provisioning', () => {
  let application: SubmitApplicationBody;
  let approved: DecisionResult;
  let secret: IssuedSecret;
  let notices: IssuedSecret;

  beforeAll(async () => {
    application = healthApplication();
    createdTopics.push(...application.topics.write.map((topic) => harness.topic(topic as never)));

    const view = await submitted(harness, application);
    const result = await approve(harness, view.id);

    if (result.status !== 200) throw new Error(`approval: ${JSON.stringify(result.body)}`);

    approved = result.body;
    secret = approved.issuedCredentials as IssuedSecret;
    notices = await createCredential(harness, {
      audiences: ['identity-registry'],
      clientId: uniqueClientId('notices'),
      kind: 'app',
      scopes: ['identity:notify'],
      serviceId: application.serviceId,
    });
  });

  it('completes every step', () => {
    const operation = approved.application.operations[0];

    expect(approved.application.status).toBe('active');
    expect(operation?.kind).toBe('provision');
    expect(operation?.status).toBe('completed');
    expect(operation?.steps.map((step) => `${step.name}:${step.status}`)).toEqual([
      'credentials:done',
      'topics:done',
      'acls:done',
      'registry-policy:done',
      'card-slot:done',
      'catalog:done',
    ]);
  });

  it('issues a client that gets tokens', async () => {
    expect(secret.clientId).toBe(application.serviceId);
    expect(approved.application.clientId).toBe(application.serviceId);

    const token = await requestToken<{ access_token: string; scope: string }>(harness, secret, {
      audience: 'identity-registry',
    });

    expect(token.status).toBe(200);
    expect(token.body.scope.split(' ').sort()).toEqual([
      'authority:apply',
      'identity:release',
      'identity:verify',
    ]);
  });

  it('creates the write topic with three partitions', async () => {
    const topic = harness.topic(application.topics.write[0] as never);
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });

    expect(metadata.topics[0]?.partitions).toHaveLength(3);
  });

  it('grants the ACLs on the broker', async () => {
    const acls = await listKafkaAccess(admin, secret.clientId);
    const described = acls.map(
      (acl) => `${acl.resourceType} ${acl.patternType} ${acl.resourceName} ${acl.operation}`,
    );
    const writeTopic = harness.topic(application.topics.write[0] as never);

    expect(described).toContain(`TOPIC LITERAL ${harness.topic(Topics.authorityCardStatus)} READ`);
    expect(described).toContain(`TOPIC LITERAL ${writeTopic} WRITE`);
    expect(described).toContain(`GROUP PREFIXED ${application.serviceId}. READ`);
    expect(described).not.toContain(`TOPIC LITERAL ${writeTopic} READ`);
  });

  it('sets the policy in the registry', async () => {
    const { body, status } = await registry.agency<AgencyDetails>(application.serviceId);

    expect(status).toBe(200);
    expect(body.status).toBe('active');
    expect(body.policy?.attributes.sort()).toEqual([...application.attributes].sort());
    expect(body.policy?.purposes).toEqual(['health-insurance']);
  });

  it('assigns a card slot with a key label', () => {
    const slot = approved.application.slot;

    expect(slot?.fileIdHex).toMatch(/^011[0-9A-F]$/);
    expect(slot?.sizeBytes).toBe(128);
    expect(slot?.keyLabel).toBe(`BITAQA SLOT ${slot?.fileIdHex}`);
    expect(slot?.keyVersion).toBeGreaterThanOrEqual(1);
  });

  it('lists the service in the catalog', async () => {
    const entry = await catalogEntry(application.serviceId);

    expect(entry.status).toBe('active');
    expect(entry.agency).toBe('Ministry of Health');
    expect(entry.topics.write).toEqual(application.topics.write);
    expect(entry.slot?.ownKey).toBe(true);
    expect(entry).not.toHaveProperty('contact');
  });

  it('suspends everything but the slot', async () => {
    const result = await serviceAction(application.serviceId, 'suspend');

    expect(result.application.status).toBe('suspended');
    expect(result.application.operations[1]?.status).toBe('completed');
    expect(await listKafkaAccess(admin, secret.clientId)).toEqual([]);

    const token = await requestToken<{ error: string }>(harness, secret);

    expect(token.status).toBe(401);
    expect(token.body.error).toBe('invalid_client');
    expect((await requestToken(harness, notices)).status).toBe(401);
    expect((await registry.agency<AgencyDetails>(application.serviceId)).body.status).toBe(
      'suspended',
    );
    expect(result.application.slot?.releasedAt).toBeNull();
    expect((await catalogEntry(application.serviceId)).status).toBe('suspended');
  });

  it('reinstates a suspended service', async () => {
    const result = await serviceAction(application.serviceId, 'reinstate');

    expect(result.application.status).toBe('active');
    expect((await requestToken(harness, secret)).status).toBe(200);
    expect((await requestToken(harness, notices)).status).toBe(200);
    expect((await listKafkaAccess(admin, secret.clientId)).length).toBeGreaterThan(0);
    expect((await registry.agency<AgencyDetails>(application.serviceId)).body.status).toBe(
      'active',
    );
  });

  it('revokes everything', async () => {
    const result = await serviceAction(application.serviceId, 'revoke');
    const agency = await registry.agency<AgencyDetails>(application.serviceId);

    expect(result.application.status).toBe('revoked');
    expect(result.application.operations.at(-1)?.status).toBe('completed');
    expect(await listKafkaAccess(admin, secret.clientId)).toEqual([]);
    expect((await requestToken(harness, secret)).status).toBe(401);
    expect((await requestToken(harness, notices)).status).toBe(401);
    expect(agency.body.policy?.attributes).toEqual([]);
    expect(agency.body.status).toBe('suspended');
    expect(result.application.slot?.releasedAt).not.toBeNull();
    expect((await catalogEntry(application.serviceId)).status).toBe('revoked');
  });

  it('publishes each change', async () => {
    const records = await harness.readPublished(Topics.authorityServices);
    const types = records
      .filter((record) => record.key === application.serviceId)
      .map((record) => record.type);

    expect(types).toEqual([
      'sy.gov.authority.service-applied.v1',
      ServiceApproved.type,
      ServiceSuspended.type,
      ServiceReinstated.type,
      ServiceRevoked.type,
    ]);
  });

  it('retires the service id', async () => {
    const again = await harness.http<{ error: { code: string } }>(
      'POST',
      '/service-applications/on-behalf',
      { ...healthApplication(), serviceId: application.serviceId },
    );

    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('SERVICE_ID_RETIRED');
  });
});

describe('service without identity data', () => {
  it('skips the registry and the slot', async () => {
    const view = await submitted(
      harness,
      healthApplication({
        attributes: [],
        card: { slotSizeBytes: 0 },
        purpose: { code: 'card-status-monitoring' },
        securityLevel: 1,
        topics: { write: [] },
      }),
    );
    const { body, status } = await approve(harness, view.id);
    const steps = body.application.operations[0]?.steps ?? [];

    clients.push(view.serviceId);
    expect(status).toBe(200);
    expect(body.application.status).toBe('active');
    expect(steps.map((step) => `${step.name}:${step.status}`)).toEqual([
      'credentials:done',
      'topics:skipped',
      'acls:done',
      'registry-policy:skipped',
      'card-slot:skipped',
      'catalog:done',
    ]);
    expect((await registry.agency(view.serviceId)).status).toBe(404);
  });

  it('is not in the catalog before approval', async () => {
    const view: ApplicationView = await submitted(harness, healthApplication());
    const { body } = await harness.http<{ error: { code: string } }>(
      'GET',
      `/services/${view.serviceId}`,
      undefined,
      null,
    );

    expect(body.error.code).toBe('SERVICE_NOT_FOUND');
  });
});
