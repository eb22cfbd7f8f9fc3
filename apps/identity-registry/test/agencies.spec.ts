import request from 'supertest';

import { testAuthorization } from '@bitaqa/testing';

import { IdentityScopes, TOKEN_AUDIENCE } from '../src/auth/scopes';

import { createAgency } from './support/agency-setup';
import { freshNationalNumber } from './support/civil-builders';
import { RegistryHarness } from './support/registry-harness';
import { operatorAuthorization } from './support/tokens';

describe('agency operator API', () => {
  const harness = new RegistryHarness('agencies');

  beforeAll(() => harness.start());

  afterAll(() => harness.stop());

  function asOperator(method: 'delete' | 'get' | 'post' | 'put', path: string): request.Test {
    return request(harness.httpServer)[method](path).set('authorization', harness.operatorAuth);
  }

  describe('POST /agencies', () => {
    it('creates agency', async () => {
      const response = await asOperator('post', '/agencies').send({
        name: 'وزارة الشؤون الاجتماعية',
        serviceId: 'social-affairs',
      });

      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({
        name: 'وزارة الشؤون الاجتماعية',
        serviceId: 'social-affairs',
      });
      expect(Date.parse(response.body.createdAt)).not.toBeNaN();
    });

    it('answers 409 for taken id', async () => {
      await asOperator('post', '/agencies').send({
        name: 'Land Registry',
        serviceId: 'land-registry',
      });

      const response = await asOperator('post', '/agencies').send({
        name: 'Another',
        serviceId: 'land-registry',
      });

      expect(response.status).toBe(409);
      expect(response.body.error).toMatchObject({
        code: 'AGENCY_EXISTS',
        field: 'serviceId',
        value: 'land-registry',
      });
    });

    it.each([
      [{ name: 'Bank', serviceId: 'Bank' }, 'serviceId'],
      [{ name: 'Bank', serviceId: 'bk' }, 'serviceId'],
      [{ name: 'Bank', serviceId: '1bank' }, 'serviceId'],
      [{ name: ' ', serviceId: 'bank' }, 'name'],
      [{ serviceId: 'bank' }, 'name'],
      [{ name: 'Bank', serviceId: 'bank', policy: {} }, 'policy'],
    ])('rejects %j at %s', async (body, field) => {
      const response = await asOperator('post', '/agencies').send(body);

      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
    });
  });

  describe('suspension', () => {
    const reason = { reason: 'onboarding withdrawn by decision AUTH-2026-31' };

    function verifyAs(auth: string): request.Test {
      return request(harness.httpServer).post('/verifications').set('authorization', auth).send({
        givenNameAr: 'سمير',
        nationalNumber: freshNationalNumber(),
        purpose: 'account-opening',
      });
    }

    it('refuses tokens until reinstated', async () => {
      const agency = await createAgency(harness, {
        attributes: ['givenNameAr'],
        purposes: ['account-opening'],
      });
      const before = await verifyAs(agency.auth);
      const suspended = await asOperator('post', `/agencies/${agency.serviceId}/suspend`).send(
        reason,
      );
      const during = await verifyAs(agency.auth);
      const details = await asOperator('get', `/agencies/${agency.serviceId}`);
      const reinstated = await asOperator('post', `/agencies/${agency.serviceId}/reinstate`).send({
        reason: 'appeal upheld',
      });
      const after = await verifyAs(agency.auth);

      expect(before.status).toBe(200);
      expect(suspended.status).toBe(200);
      expect(suspended.body).toMatchObject({ status: 'suspended', statusReason: reason.reason });
      expect(during.status).toBe(403);
      expect(during.body.error).toMatchObject({
        code: 'AGENCY_SUSPENDED',
        value: agency.serviceId,
      });
      expect(details.body).toMatchObject({ policy: { version: 1 }, status: 'suspended' });
      expect(reinstated.body).toMatchObject({ status: 'active', statusReason: 'appeal upheld' });
      expect(after.status).toBe(200);
    });

    it('suspends idempotently', async () => {
      const agency = await createAgency(harness);
      const path = `/agencies/${agency.serviceId}/suspend`;
      const first = await asOperator('post', path).send(reason);
      const second = await asOperator('post', path).send({ reason: 'another reason' });

      expect(second.status).toBe(200);
      expect(second.body).toEqual(first.body);
    });

    it('answers 404 for unknown agency', async () => {
      const response = await asOperator('post', '/agencies/no-such-agency/suspend').send(reason);

      expect(response.status).toBe(404);
      expect(response.body.error).toMatchObject({
        code: 'AGENCY_NOT_FOUND',
        value: 'no-such-agency',
      });
    });

    it('requires a reason', async () => {
      const agency = await createAgency(harness);
      const response = await asOperator('post', `/agencies/${agency.serviceId}/suspend`).send({});

      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'reason' });
    });
  });

  describe('PUT /agencies/:serviceId/policy', () => {
    const policy = {
      approvalReference: 'MSA-2024-17',
      approvedBy: 'operator-7',
      attributes: ['givenNameAr', 'familyNameAr'],
      purposes: ['social-benefit-eligibility'],
    };

    it('versions each change', async () => {
      const agency = await createAgency(harness);
      const path = `/agencies/${agency.serviceId}/policy`;
      const first = await asOperator('put', path).send(policy);
      const restated = await asOperator('put', path).send({
        ...policy,
        attributes: ['familyNameAr', 'givenNameAr'],
        approvalReference: 'MSA-2024-18',
      });
      const changed = await asOperator('put', path).send({
        ...policy,
        purposes: ['social-benefit-eligibility', 'housing-aid'],
        requestsPerWindow: 50,
      });
      const details = await asOperator('get', `/agencies/${agency.serviceId}`);
      const versions = await harness.query<{ version: number }>(
        'SELECT version FROM agency_policies WHERE service_id = $1 ORDER BY version',
        [agency.serviceId],
      );

      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ ...policy, requestsPerWindow: null, version: 1 });
      expect(restated.body).toMatchObject({ approvalReference: 'MSA-2024-17', version: 1 });
      expect(changed.body).toMatchObject({ requestsPerWindow: 50, version: 2 });
      expect(details.body.policy).toEqual(changed.body);
      expect(versions.map((row) => row.version)).toEqual([1, 2]);
    });

    it('gives concurrent changes distinct versions', async () => {
      const agency = await createAgency(harness);
      const path = `/agencies/${agency.serviceId}/policy`;
      const responses = await Promise.all(
        ['one', 'two', 'three', 'four'].map((purpose) =>
          asOperator('put', path).send({ ...policy, purposes: [`purpose-${purpose}`] }),
        ),
      );

      expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200]);
      expect(responses.map((response) => response.body.version).sort()).toEqual([1, 2, 3, 4]);
    });

    it('answers 404 for unknown agency', async () => {
      const response = await asOperator('put', '/agencies/no-such-agency/policy').send(policy);

      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('AGENCY_NOT_FOUND');
    });

    it.each([
      [{ attributes: ['nationalId'] }, 'attributes.0'],
      [{ attributes: ['sex', 'sex'] }, 'attributes'],
      [{ purposes: [] }, 'purposes'],
      [{ purposes: ['Benefits'] }, 'purposes.0'],
      [{ purposes: ['housing', 'housing'] }, 'purposes'],
      [{ requestsPerWindow: 0 }, 'requestsPerWindow'],
      [{ requestsPerWindow: 2.5 }, 'requestsPerWindow'],
      [{ approvedBy: '' }, 'approvedBy'],
      [{ approvalReference: undefined }, 'approvalReference'],
    ])('rejects %j at %s', async (change, field) => {
      const agency = await createAgency(harness);
      const response = await asOperator('put', `/agencies/${agency.serviceId}/policy`).send({
        ...policy,
        ...change,
      });

      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
    });
  });

  describe('access', () => {
    async function agencyRows(serviceId: string): Promise<unknown[]> {
      return harness.query('SELECT 1 FROM agencies WHERE service_id = $1', [serviceId]);
    }

    it('accepts the onboarding app token', async () => {
      const onboarding = await testAuthorization({
        audience: TOKEN_AUDIENCE,
        kind: 'app',
        scopes: [IdentityScopes.agencies],
        subject: 'card-authority',
      });
      const response = await request(harness.httpServer)
        .post('/agencies')
        .set('authorization', onboarding)
        .send({ name: 'Onboarded Bank', serviceId: 'onboarded-bank' });

      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ serviceId: 'onboarded-bank', status: 'active' });
    });

    it('rejects token without identity:agencies', async () => {
      const response = await request(harness.httpServer)
        .post('/agencies')
        .set('authorization', await operatorAuthorization([IdentityScopes.operate]))
        .send({ name: 'Bank', serviceId: 'scopeless-bank' });

      expect(response.status).toBe(403);
      expect(response.body.error).toMatchObject({
        code: 'SCOPE_MISSING',
        value: [IdentityScopes.agencies],
      });
      expect(await agencyRows('scopeless-bank')).toHaveLength(0);
    });

    it('rejects agency token', async () => {
      const agency = await createAgency(harness);
      const response = await request(harness.httpServer)
        .get(`/agencies/${agency.serviceId}`)
        .set('authorization', agency.auth);

      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('SCOPE_MISSING');
    });

    it('rejects missing token', async () => {
      const response = await request(harness.httpServer)
        .post('/agencies')
        .send({ name: 'Bank', serviceId: 'rogue-bank' });

      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('TOKEN_MISSING');
      expect(await agencyRows('rogue-bank')).toHaveLength(0);
    });
  });
});
