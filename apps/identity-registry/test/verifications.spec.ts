import request from 'supertest';

import { PersonRegistered } from '@bitaqa/contracts';

import {
  approvePolicy,
  createAgency,
  OPERATOR_AUTH,
  type TestAgency,
} from './support/agency-setup';
import { freshNationalNumber, personData } from './support/civil-builders';
import { RegistryHarness } from './support/registry-harness';

const CLAIMS = ['birthDate', 'familyNameAr', 'fatherNameAr', 'givenNameAr', 'motherNameAr'];

describe('POST /verifications and POST /releases', () => {
  const harness = new RegistryHarness('verify');
  const person = personData({
    birthDate: '1975-09-30',
    familyNameAr: 'القباني',
    fatherNameAr: 'عبد الله',
    givenNameAr: 'سمير',
    grandfatherNameAr: 'عمر',
    motherNameAr: 'آمنة',
  });
  let bank: TestAgency;

  beforeAll(async () => {
    await harness.start();
    await harness.waitForHandled(await harness.publisher.publish(PersonRegistered, person));
    bank = await createAgency(harness.httpServer, {
      attributes: [...CLAIMS, 'givenNameLatin', 'familyNameLatin'],
      purposes: ['account-opening', 'loan-application'],
    });
  });

  afterAll(() => harness.stop());

  async function lookupCount(): Promise<number> {
    const [row] = await harness.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM identity_lookups',
    );

    return row?.count ?? -1;
  }

  async function lastLookup(): Promise<Record<string, unknown>> {
    const [row] = await harness.query<Record<string, unknown>>(
      'SELECT * FROM identity_lookups ORDER BY id DESC LIMIT 1',
    );

    return row ?? {};
  }

  function verify(body: object, auth = bank.auth): request.Test {
    return request(harness.httpServer).post('/verifications').set('authorization', auth).send(body);
  }

  function release(body: object, auth = bank.auth): request.Test {
    return request(harness.httpServer).post('/releases').set('authorization', auth).send(body);
  }

  describe('verification', () => {
    it('matches normalized names', async () => {
      const response = await verify({
        birthDate: person.birthDate,
        familyNameAr: 'القبانـي',
        fatherNameAr: 'عبدالله',
        givenNameAr: 'سَمِير',
        motherNameAr: 'امنه',
        nationalNumber: person.nationalNumber,
        purpose: 'account-opening',
        reference: 'ACC-2024-118',
      });

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ match: true, mismatched: [] });
      expect(await lastLookup()).toMatchObject({
        attributes_released: [],
        attributes_requested: CLAIMS,
        correlation_id: response.headers['x-correlation-id'],
        kind: 'verification',
        national_number: person.nationalNumber,
        outcome: 'matched',
        policy_version: 1,
        purpose: 'account-opening',
        reference: 'ACC-2024-118',
        denial_code: null,
        service_id: bank.serviceId,
      });
    });

    it('lists mismatched fields', async () => {
      const response = await verify({
        birthDate: '1999-01-01',
        givenNameAr: 'سمير',
        motherNameAr: 'فاطمة',
        nationalNumber: person.nationalNumber,
        purpose: 'loan-application',
      });

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ match: false, mismatched: ['birthDate', 'motherNameAr'] });
      expect(await lastLookup()).toMatchObject({
        mismatched_attributes: ['birthDate', 'motherNameAr'],
        outcome: 'mismatched',
        reference: null,
      });
    });

    it('reports unknown person', async () => {
      const unknown = freshNationalNumber();
      const response = await verify({
        givenNameAr: 'سمير',
        nationalNumber: unknown,
        purpose: 'account-opening',
      });

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ match: false, mismatched: ['nationalNumber'] });
      expect(await lastLookup()).toMatchObject({ national_number: unknown, outcome: 'not_found' });
    });

    it.each([
      [{ givenNameAr: 'سمير', nationalNumber: '__nn__' }, 'purpose'],
      [{ givenNameAr: 'سمير', nationalNumber: '__nn__', purpose: 'Account Opening' }, 'purpose'],
      [{ givenNameAr: 'سمير', nationalNumber: '__nn__', purpose: 'ab' }, 'purpose'],
      [{ nationalNumber: '__nn__', purpose: 'account-opening' }, 'givenNameAr'],
      [
        { givenNameAr: 'Samir', nationalNumber: '__nn__', purpose: 'account-opening' },
        'givenNameAr',
      ],
      [
        { birthDate: '1980-02-30', nationalNumber: '__nn__', purpose: 'account-opening' },
        'birthDate',
      ],
      [{ givenNameAr: 'سمير', nationalNumber: '12', purpose: 'account-opening' }, 'nationalNumber'],
      [{ givenNameAr: 'سمير', purpose: 'account-opening' }, 'nationalNumber'],
      [{ mothername: 'آمنة', nationalNumber: '__nn__', purpose: 'account-opening' }, 'mothername'],
      [
        {
          givenNameAr: 'سمير',
          nationalNumber: '__nn__',
          purpose: 'account-opening',
          reference: '',
        },
        'reference',
      ],
    ])('rejects %j at %s', async (body, field) => {
      const before = await lookupCount();
      const payload = Object.fromEntries(
        Object.entries(body).map(([key, value]) => [
          key,
          value === '__nn__' ? person.nationalNumber : value,
        ]),
      );
      const response = await verify(payload);

      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
      expect(await lookupCount()).toBe(before);
    });

    it('rejects malformed JSON', async () => {
      const before = await lookupCount();
      const response = await request(harness.httpServer)
        .post('/verifications')
        .set('authorization', bank.auth)
        .set('content-type', 'application/json')
        .send('{"nationalNumber": ');

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('MALFORMED_JSON');
      expect(await lookupCount()).toBe(before);
    });
  });

  describe('release', () => {
    it('returns granted attributes only', async () => {
      const response = await release({
        attributes: ['givenNameLatin', 'familyNameLatin', 'birthDate'],
        nationalNumber: person.nationalNumber,
        purpose: 'account-opening',
        reference: 'ACC-2024-119',
      });

      const [stored] = await harness.query<{ family: string; given: string }>(
        `SELECT family_name_latin AS family, given_name_latin AS given
         FROM identities WHERE national_number = $1`,
        [person.nationalNumber],
      );

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        attributes: {
          birthDate: '1975-09-30',
          familyNameLatin: stored?.family,
          givenNameLatin: stored?.given,
        },
        nationalNumber: person.nationalNumber,
      });
      expect(await lastLookup()).toMatchObject({
        attributes_released: ['givenNameLatin', 'familyNameLatin', 'birthDate'],
        attributes_requested: ['givenNameLatin', 'familyNameLatin', 'birthDate'],
        kind: 'release',
        outcome: 'released',
        reference: 'ACC-2024-119',
      });
    });

    it('denies ungranted attribute', async () => {
      const response = await release({
        attributes: ['givenNameLatin', 'motherNationalNumber', 'sex'],
        nationalNumber: person.nationalNumber,
        purpose: 'account-opening',
      });

      expect(response.status).toBe(403);
      expect(response.body.error).toMatchObject({
        code: 'ATTRIBUTE_NOT_PERMITTED',
        details: { denied: ['motherNationalNumber', 'sex'] },
        field: 'attributes',
        value: ['motherNationalNumber', 'sex'],
      });
      expect(response.body.error.message).toContain('motherNationalNumber, sex');
      expect(await lastLookup()).toMatchObject({
        attributes_released: [],
        attributes_requested: ['givenNameLatin', 'motherNationalNumber', 'sex'],
        outcome: 'denied',
        denial_code: 'ATTRIBUTE_NOT_PERMITTED',
      });
    });

    it('denies unapproved purpose', async () => {
      const response = await release({
        attributes: ['givenNameLatin'],
        nationalNumber: person.nationalNumber,
        purpose: 'marketing',
      });

      expect(response.status).toBe(403);
      expect(response.body.error).toMatchObject({
        code: 'PURPOSE_NOT_PERMITTED',
        field: 'purpose',
        value: 'marketing',
      });
      expect(await lastLookup()).toMatchObject({
        outcome: 'denied',
        purpose: 'marketing',
        denial_code: 'PURPOSE_NOT_PERMITTED',
      });
    });

    it('answers 404 for unknown number', async () => {
      const unknown = freshNationalNumber();
      const response = await release({
        attributes: ['givenNameLatin'],
        nationalNumber: unknown,
        purpose: 'account-opening',
      });

      expect(response.status).toBe(404);
      expect(response.body.error).toMatchObject({ code: 'IDENTITY_NOT_FOUND', value: unknown });
      expect(await lastLookup()).toMatchObject({
        attributes_released: [],
        national_number: unknown,
        outcome: 'not_found',
      });
    });

    it.each([
      [{ attributes: [], purpose: 'account-opening' }, 'attributes'],
      [{ attributes: ['nationalId'], purpose: 'account-opening' }, 'attributes.0'],
      [{ attributes: ['sex', 'sex'], purpose: 'account-opening' }, 'attributes'],
      [{ attributes: ['sex'] }, 'purpose'],
      [{ attributes: ['sex'], purpose: 'account-opening', extra: 1 }, 'extra'],
    ])('rejects %j at %s', async (body, field) => {
      const before = await lookupCount();
      const response = await release({ nationalNumber: person.nationalNumber, ...body });

      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
      expect(await lookupCount()).toBe(before);
    });
  });

  describe('policy changes', () => {
    it('applies a new version at once', async () => {
      const agency = await createAgency(harness.httpServer, {
        attributes: ['givenNameAr'],
        purposes: ['tax-filing'],
      });
      const body = {
        attributes: ['sex'],
        nationalNumber: person.nationalNumber,
        purpose: 'tax-filing',
      };
      const denied = await release(body, agency.auth);

      await approvePolicy(harness.httpServer, agency.serviceId, {
        attributes: ['givenNameAr', 'sex'],
        purposes: ['tax-filing'],
      });

      const released = await release(body, agency.auth);

      expect(denied.status).toBe(403);
      expect(released.status).toBe(200);
      expect(released.body.attributes).toEqual({ sex: 'M' });
      expect(await lastLookup()).toMatchObject({ policy_version: 2 });
    });

    it('denies agency without policy', async () => {
      const agency = await createAgency(harness.httpServer);
      const response = await verify(
        { givenNameAr: 'سمير', nationalNumber: person.nationalNumber, purpose: 'account-opening' },
        agency.auth,
      );

      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('POLICY_NOT_APPROVED');
      expect(await lastLookup()).toMatchObject({
        outcome: 'denied',
        policy_version: null,
        denial_code: 'POLICY_NOT_APPROVED',
        service_id: agency.serviceId,
      });
    });

    it('denies claim outside policy', async () => {
      const agency = await createAgency(harness.httpServer, {
        attributes: ['givenNameAr'],
        purposes: ['account-opening'],
      });
      const response = await verify(
        {
          birthDate: person.birthDate,
          givenNameAr: 'سمير',
          nationalNumber: person.nationalNumber,
          purpose: 'account-opening',
        },
        agency.auth,
      );

      expect(response.status).toBe(403);
      expect(response.body.error).toMatchObject({
        code: 'ATTRIBUTE_NOT_PERMITTED',
        details: { denied: ['birthDate'] },
      });
    });
  });

  describe('authentication', () => {
    const body = { givenNameAr: 'سمير', purpose: 'account-opening' };

    it.each([
      [undefined, 'CREDENTIALS_MISSING'],
      ['Basic dXNlcjpwYXNz', 'CREDENTIALS_MALFORMED'],
      ['Bearer bqk_not-a-key', 'CREDENTIALS_INVALID'],
    ])('rejects %s with 401', async (auth, code) => {
      const before = await lookupCount();
      const call = request(harness.httpServer).post('/verifications');
      const response = await (auth === undefined ? call : call.set('authorization', auth)).send({
        ...body,
        nationalNumber: person.nationalNumber,
      });

      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe(code);
      expect(await lookupCount()).toBe(before);
    });

    it('rejects operator on agency endpoint', async () => {
      const response = await verify(
        { ...body, nationalNumber: person.nationalNumber },
        OPERATOR_AUTH,
      );

      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('CALLER_NOT_PERMITTED');
    });

    it('rejects revoked key', async () => {
      const agency = await createAgency(harness.httpServer, {
        attributes: ['givenNameAr'],
        purposes: ['account-opening'],
      });
      const payload = { ...body, nationalNumber: person.nationalNumber };
      const before = await verify(payload, agency.auth);
      const revoked = await request(harness.httpServer)
        .delete(`/agencies/${agency.serviceId}/api-keys/${agency.keyId}`)
        .set('authorization', OPERATOR_AUTH);
      const after = await verify(payload, agency.auth);

      expect(before.status).toBe(200);
      expect(revoked.status).toBe(204);
      expect(after.status).toBe(401);
      expect(after.body.error.code).toBe('CREDENTIALS_INVALID');
    });
  });

  describe('rate limit', () => {
    it('answers 429 over the limit', async () => {
      const limited = await createAgency(harness.httpServer, {
        attributes: ['givenNameAr'],
        purposes: ['account-opening'],
        requestsPerWindow: 3,
      });
      const other = await createAgency(harness.httpServer, {
        attributes: ['givenNameAr'],
        purposes: ['account-opening'],
        requestsPerWindow: 3,
      });
      const payload = {
        ...{ givenNameAr: 'سمير', purpose: 'account-opening' },
        nationalNumber: person.nationalNumber,
      };
      const statuses: number[] = [];

      for (let call = 0; call < 3; call += 1)
        statuses.push((await verify(payload, limited.auth)).status);

      const before = await lookupCount();
      const rejected = await verify(payload, limited.auth);
      const otherAgency = await verify(payload, other.auth);

      expect(statuses).toEqual([200, 200, 200]);
      expect(rejected.status).toBe(429);
      expect(rejected.body.error.code).toBe('RATE_LIMITED');
      expect(Number(rejected.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(rejected.headers['retry-after'])).toBeLessThanOrEqual(3_600);
      expect(rejected.headers['ratelimit-remaining']).toBe('0');
      expect(await lookupCount()).toBe(before + 1);
      expect(otherAgency.status).toBe(200);
    });

    it('uses configured default limit', async () => {
      const agency = await createAgency(harness.httpServer, {
        attributes: ['givenNameAr'],
        purposes: ['account-opening'],
      });
      const response = await verify(
        { givenNameAr: 'سمير', nationalNumber: person.nationalNumber, purpose: 'account-opening' },
        agency.auth,
      );

      expect(response.headers['ratelimit-limit']).toBe(String(harness.config.rateLimitRequests));
      expect(response.headers['ratelimit-remaining']).toBe(
        String(harness.config.rateLimitRequests - 1),
      );
    });
  });
});
