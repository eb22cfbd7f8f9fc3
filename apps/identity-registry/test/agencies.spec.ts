import { createHash } from 'node:crypto';

import request from 'supertest';

import { createAgency, OPERATOR_AUTH } from './support/agency-setup';
import { RegistryHarness } from './support/registry-harness';

describe('agency operator API', () => {
  const harness = new RegistryHarness('agencies');

  beforeAll(() => harness.start());

  afterAll(() => harness.stop());

  function asOperator(method: 'delete' | 'get' | 'post' | 'put', path: string): request.Test {
    return request(harness.httpServer)[method](path).set('authorization', OPERATOR_AUTH);
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

  describe('API keys', () => {
    it('shows the key once', async () => {
      await asOperator('post', '/agencies').send({ name: 'Bank', serviceId: 'commercial-bank' });

      const issued = await asOperator('post', '/agencies/commercial-bank/api-keys');
      const details = await asOperator('get', '/agencies/commercial-bank');
      const [row] = await harness.query<Record<string, unknown>>(
        'SELECT * FROM agency_api_keys WHERE id = $1',
        [issued.body.id],
      );

      expect(issued.status).toBe(201);
      expect(issued.headers['cache-control']).toBe('no-store');
      expect(issued.body.apiKey).toMatch(/^bqk_[A-Za-z0-9_-]{43}$/);
      expect(issued.body.keyPrefix).toBe(issued.body.apiKey.slice(0, 12));
      expect(row?.key_hash).toBe(createHash('sha256').update(issued.body.apiKey).digest('hex'));
      expect(JSON.stringify(row)).not.toContain(issued.body.apiKey);
      expect(details.body.apiKeys).toEqual([
        {
          createdAt: issued.body.createdAt,
          id: issued.body.id,
          keyPrefix: issued.body.keyPrefix,
          revokedAt: null,
        },
      ]);
    });

    it('gives each issue its own key', async () => {
      const agency = await createAgency(harness.httpServer);
      const second = await asOperator('post', `/agencies/${agency.serviceId}/api-keys`);

      expect(second.body.apiKey).not.toBe(agency.apiKey);
      expect(second.body.id).not.toBe(agency.keyId);
    });

    it('revokes idempotently', async () => {
      const agency = await createAgency(harness.httpServer);
      const path = `/agencies/${agency.serviceId}/api-keys/${agency.keyId}`;
      const first = await asOperator('delete', path);
      const revokedAt = (await asOperator('get', `/agencies/${agency.serviceId}`)).body.apiKeys[0]
        .revokedAt;
      const second = await asOperator('delete', path);
      const after = await asOperator('get', `/agencies/${agency.serviceId}`);

      expect(first.status).toBe(204);
      expect(second.status).toBe(204);
      expect(revokedAt).not.toBeNull();
      expect(after.body.apiKeys[0].revokedAt).toBe(revokedAt);
    });

    it('answers 404 for unknown key', async () => {
      const agency = await createAgency(harness.httpServer);
      const response = await asOperator(
        'delete',
        `/agencies/${agency.serviceId}/api-keys/5b0c3b70-3f0d-4a8c-9d55-2a3f3d1f8e01`,
      );

      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('API_KEY_NOT_FOUND');
    });

    it('answers 404 for unknown agency', async () => {
      const response = await asOperator('post', '/agencies/no-such-agency/api-keys');

      expect(response.status).toBe(404);
      expect(response.body.error).toMatchObject({
        code: 'AGENCY_NOT_FOUND',
        value: 'no-such-agency',
      });
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
      const agency = await createAgency(harness.httpServer);
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
      const agency = await createAgency(harness.httpServer);
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
      const agency = await createAgency(harness.httpServer);
      const response = await asOperator('put', `/agencies/${agency.serviceId}/policy`).send({
        ...policy,
        ...change,
      });

      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
    });
  });

  describe('operator authentication', () => {
    it('rejects agency key', async () => {
      const agency = await createAgency(harness.httpServer);
      const response = await request(harness.httpServer)
        .get(`/agencies/${agency.serviceId}`)
        .set('authorization', agency.auth);

      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('CALLER_NOT_PERMITTED');
    });

    it('rejects missing credentials', async () => {
      const response = await request(harness.httpServer)
        .post('/agencies')
        .send({ name: 'Bank', serviceId: 'rogue-bank' });
      const rows = await harness.query('SELECT 1 FROM agencies WHERE service_id = $1', [
        'rogue-bank',
      ]);

      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="identity-registry"');
      expect(response.body.error.code).toBe('CREDENTIALS_MISSING');
      expect(rows).toHaveLength(0);
    });
  });
});

describe('registry without operator key', () => {
  const harness = new RegistryHarness('no-operator');

  beforeAll(() => harness.start({ operatorApiKey: null }));

  afterAll(() => harness.stop());

  it('rejects every operator request', async () => {
    const response = await request(harness.httpServer)
      .post('/agencies')
      .set('authorization', OPERATOR_AUTH)
      .send({ name: 'Bank', serviceId: 'commercial-bank' });

    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe('CREDENTIALS_INVALID');
  });
});
