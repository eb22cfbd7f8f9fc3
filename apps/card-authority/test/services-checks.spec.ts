import { ServiceApplied, ServiceRejected } from '@bitaqa/contracts';

import type { ApplicationView } from '../src/services/application';

import { createCredential, uniqueClientId } from './support/credentials';
import { authorityAuthorization, Harness } from './support/harness';
import {
  approve,
  check,
  failedChecks,
  healthApplication,
  submit,
  submitted,
} from './support/services-builders';

let harness: Harness;

beforeAll(async () => {
  harness = await Harness.start('services_checks');
});

afterAll(async () => {
  await harness?.close();
});

describe('service application checks', () => {
  it('passes a sound application', async () => {
    const body = healthApplication();
    const view = await submitted(harness, body);

    expect(view.status).toBe('submitted');
    expect(view.serviceId).toBe(body.serviceId);
    expect(view.submittedBy).toBe('agency-health');
    expect(failedChecks(view.checks)).toEqual([]);
    expect(view.checks).toHaveLength(9);
    expect(await harness.published(ServiceApplied.type)).toBeGreaterThanOrEqual(1);
  });

  it('shows the checks to officers', async () => {
    const view = await submitted(harness, healthApplication());
    const { body, status } = await harness.http<ApplicationView>(
      'GET',
      `/service-applications/${view.id}`,
    );

    expect(status).toBe(200);
    expect(body.checks).toEqual(view.checks);
    expect(body.contact.email).toBe('onboarding@moh.gov.sy');
  });

  it('rejects an unjustified attribute at approval', async () => {
    const view = await submitted(
      harness,
      healthApplication({
        attributes: ['birthDate', 'motherNameAr'],
        purpose: { code: 'age-verification' },
        securityLevel: 3,
      }),
    );
    const result = check(view.checks, 'ATTRIBUTES_JUSTIFIED');

    expect(result.passed).toBe(false);
    expect(result.reason).toContain('motherNameAr');
    expect(failedChecks(view.checks)).toEqual(['ATTRIBUTES_JUSTIFIED']);

    const approval = await approve(harness, view.id);

    expect(approval.status).toBe(422);
    expect(approval.body.error?.code).toBe('SERVICE_CHECKS_FAILED');

    const after = await harness.http<ApplicationView>('GET', `/service-applications/${view.id}`);

    expect(after.body.status).toBe('submitted');
    expect(after.body.operations).toEqual([]);
    expect(after.body.clientId).toBeNull();
  });

  it('requires level 2 for a birth date', async () => {
    const view = await submitted(
      harness,
      healthApplication({ attributes: ['birthDate'], securityLevel: 1 }),
    );

    expect(failedChecks(view.checks)).toEqual(['SECURITY_LEVEL_SUFFICIENT']);
    expect(check(view.checks, 'SECURITY_LEVEL_SUFFICIENT').reason).toContain('birthDate');
  });

  it('requires level 3 for a mother name', async () => {
    const view = await submitted(
      harness,
      healthApplication({
        attributes: ['motherNameAr'],
        purpose: { code: 'civil-status-certification' },
        securityLevel: 2,
      }),
    );

    expect(failedChecks(view.checks)).toEqual(['SECURITY_LEVEL_SUFFICIENT']);
  });

  it('keeps civil topics closed', async () => {
    const view = await submitted(
      harness,
      healthApplication({ topics: { read: ['civil.persons', 'authority.card-status'] } }),
    );

    expect(failedChecks(view.checks)).toEqual(['READ_TOPICS_OPEN']);
    expect(check(view.checks, 'READ_TOPICS_OPEN').reason).toContain('civil.persons');
  });

  it('requires read topics to exist', async () => {
    const view = await submitted(
      harness,
      healthApplication({ topics: { read: ['police.reports'] } }),
    );

    expect(failedChecks(view.checks)).toEqual(['READ_TOPICS_EXIST']);
  });

  it('lets a service read its own topics', async () => {
    const body = healthApplication();
    const view = await submitted(harness, {
      ...body,
      topics: { ...body.topics, read: body.topics.write },
    });

    expect(failedChecks(view.checks)).toEqual([]);
  });

  it('keeps write topics in the domain', async () => {
    const body = healthApplication();
    const view = await submitted(harness, {
      ...body,
      topics: { ...body.topics, write: [`${body.topics.domain}.claims`, 'fuel.claims'] },
    });

    expect(failedChecks(view.checks)).toEqual(['WRITE_TOPICS_IN_DOMAIN']);
    expect(check(view.checks, 'WRITE_TOPICS_IN_DOMAIN').reason).toContain('fuel.claims');
  });

  it('refuses a platform domain', async () => {
    const view = await submitted(
      harness,
      healthApplication({ topics: { domain: 'civil', write: ['civil.claims'] } }),
    );

    expect(failedChecks(view.checks)).toEqual(['TOPIC_DOMAIN_ALLOWED']);
  });

  it('limits the slot to one slot file', async () => {
    const view = await submitted(harness, healthApplication({ card: { slotSizeBytes: 300 } }));

    expect(failedChecks(view.checks)).toEqual(['SLOT_SIZE_FITS']);
    expect(check(view.checks, 'SLOT_SIZE_FITS').reason).toContain('256 bytes');
  });

  it('passes a service without a slot', async () => {
    const view = await submitted(harness, healthApplication({ card: { slotSizeBytes: 0 } }));

    expect(check(view.checks, 'SLOT_SIZE_FITS').passed).toBe(true);
    expect(check(view.checks, 'SLOT_SPACE_AVAILABLE').reason).toBe(
      'the service needs no card slot',
    );
  });
});

describe('service application submission', () => {
  it('rejects an invalid body with 400', async () => {
    const { body, status } = await submit(harness, { ...healthApplication(), serviceId: 'No' });

    expect(status).toBe(400);
    expect(body.error?.field).toBe('serviceId');
  });

  it('rejects an unknown purpose code', async () => {
    const application = healthApplication();
    const { body, status } = await submit(harness, {
      ...application,
      purpose: { ...application.purpose, code: 'marketing' },
    });

    expect(status).toBe(400);
    expect(body.error?.field).toBe('purpose.code');
  });

  it('rejects a badly named topic', async () => {
    const application = healthApplication();
    const { body, status } = await submit(harness, {
      ...application,
      topics: { ...application.topics, write: ['Claims'] },
    });

    expect(status).toBe(400);
    expect(body.error?.field).toBe('topics.write.0');
  });

  it('needs the apply scope', async () => {
    const { body, status } = await harness.http<{ error: { code: string } }>(
      'POST',
      '/service-applications',
      healthApplication(),
      await authorityAuthorization(['authority:cards'], 'agency-health'),
    );

    expect(status).toBe(403);
    expect(body.error.code).toBe('SCOPE_MISSING');
  });

  it('lets an officer submit on behalf', async () => {
    const { body, status } = await harness.http<ApplicationView>(
      'POST',
      '/service-applications/on-behalf',
      healthApplication(),
    );

    expect(status).toBe(201);
    expect(body.submittedBy).toBe('test-officer');
  });

  it('refuses a second live application', async () => {
    const application = healthApplication();

    await submitted(harness, application);

    const { body, status } = await submit(harness, { ...application, name: 'Second try' });

    expect(status).toBe(409);
    expect(body.error?.code).toBe('SERVICE_ID_TAKEN');
  });

  it('refuses an id a credential acts for', async () => {
    const application = healthApplication();

    await createCredential(harness, {
      audiences: ['identity-registry'],
      clientId: uniqueClientId('notices'),
      kind: 'app',
      scopes: ['identity:notify'],
      serviceId: application.serviceId,
    });

    const { body, status } = await submit(harness, application);

    expect(status).toBe(409);
    expect(body.error?.code).toBe('SERVICE_ID_TAKEN');
  });

  it('frees the service id on rejection', async () => {
    const application = healthApplication();
    const first = await submitted(harness, application);
    const rejection = await harness.http<ApplicationView>(
      'POST',
      `/service-applications/${first.id}/reject`,
      { reason: 'the purpose text does not name the legal basis' },
    );

    expect(rejection.status).toBe(200);
    expect(rejection.body.status).toBe('rejected');
    expect(rejection.body.decidedBy).toBe('test-officer');
    expect(await harness.published(ServiceRejected.type)).toBeGreaterThanOrEqual(1);

    const second = await submit(harness, application);

    expect(second.status).toBe(201);
  });

  it('refuses to reject twice', async () => {
    const view = await submitted(harness, healthApplication());
    const path = `/service-applications/${view.id}/reject`;

    await harness.http('POST', path, { reason: 'incomplete contact details' });

    const again = await harness.http<{ error: { code: string } }>('POST', path, {
      reason: 'incomplete contact details',
    });

    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('SERVICE_STATUS_CONFLICT');
  });

  it('answers 404 for an unknown application', async () => {
    const { body, status } = await harness.http<{ error: { code: string } }>(
      'GET',
      '/service-applications/1b0c3b0e-7f0a-4f59-9a57-0d3c3a1c2b11',
    );

    expect(status).toBe(404);
    expect(body.error.code).toBe('SERVICE_APPLICATION_NOT_FOUND');
  });
});
