import { exportJWK, generateKeyPair } from 'jose';
import request from 'supertest';

import { TokenSigner } from '@bitaqa/auth';
import { PersonRegistered } from '@bitaqa/contracts';
import { localTokenSigner, testAuthorization, type TestTokenOptions } from '@bitaqa/testing';

import { IdentityScopes, TOKEN_AUDIENCE } from '../src/auth/scopes';

import { approvePolicy, createAgency, type TestAgency } from './support/agency-setup';
import { freshNationalNumber, personData } from './support/civil-builders';
import { RegistryHarness } from './support/registry-harness';
import { agencyAuthorization, operatorAuthorization } from './support/tokens';

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
    bank = await createAgency(harness, {
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
      const agency = await createAgency(harness, {
        attributes: ['givenNameAr'],
        purposes: ['tax-filing'],
      });
      const body = {
        attributes: ['sex'],
        nationalNumber: person.nationalNumber,
        purpose: 'tax-filing',
      };
      const denied = await release(body, agency.auth);

      await approvePolicy(harness, agency.serviceId, {
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
      const agency = await createAgency(harness);
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
      const agency = await createAgency(harness, {
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

    function payload(): object {
      return { ...body, nationalNumber: person.nationalNumber };
    }

    async function bankToken(options: Partial<TestTokenOptions>): Promise<string> {
      return testAuthorization({
        audience: TOKEN_AUDIENCE,
        kind: 'service',
        scopes: [IdentityScopes.verify],
        serviceId: bank.serviceId,
        ...options,
      });
    }

    /** Reads the `jti` claim of a bearer token without checking it. */
    function tokenIdOf(authorization: string): string {
      const claims = authorization.split('.')[1] ?? '';

      return (JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as { jti: string }).jti;
    }

    it.each([
      [undefined, 'TOKEN_MISSING'],
      ['Basic dXNlcjpwYXNz', 'TOKEN_MALFORMED'],
      ['Bearer not-a-token', 'TOKEN_MALFORMED'],
    ])('rejects %s with 401', async (auth, code) => {
      const before = await lookupCount();
      const call = request(harness.httpServer).post('/verifications');
      const response = await (auth === undefined ? call : call.set('authorization', auth)).send(
        payload(),
      );

      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe(code);
      expect(await lookupCount()).toBe(before);
    });

    it('rejects wrong audience', async () => {
      const before = await lookupCount();
      const response = await verify(payload(), await bankToken({ audience: 'fuel-allocation' }));

      expect(response.status).toBe(401);
      expect(response.body.error).toMatchObject({ code: 'TOKEN_CLAIM_INVALID', value: 'aud' });
      expect(await lookupCount()).toBe(before);
    });

    it('rejects expired token', async () => {
      const signer = await localTokenSigner();
      const expired = await signer.sign(
        {
          audience: TOKEN_AUDIENCE,
          kind: 'service',
          scopes: [IdentityScopes.verify],
          serviceId: bank.serviceId,
          subject: 'client-bank',
          ttlSeconds: 60,
        },
        new Date(Date.now() - 3_600_000),
      );
      const response = await verify(payload(), `Bearer ${expired.token}`);

      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('TOKEN_EXPIRED');
    });

    it('rejects unpublished signing key', async () => {
      const { privateKey } = await generateKeyPair('ES256', { extractable: true });
      const stranger = await TokenSigner.fromJwk(process.env['AUTH_ISSUER'] ?? '', {
        ...(await exportJWK(privateKey)),
        kid: 'not-published',
      });
      const forged = await stranger.sign({
        audience: TOKEN_AUDIENCE,
        kind: 'service',
        scopes: [IdentityScopes.verify],
        serviceId: bank.serviceId,
        subject: 'client-bank',
        ttlSeconds: 60,
      });
      const response = await verify(payload(), `Bearer ${forged.token}`);

      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('TOKEN_KEY_UNKNOWN');
    });

    it('rejects token without identity:verify', async () => {
      const response = await verify(
        payload(),
        await bankToken({ scopes: [IdentityScopes.release] }),
      );

      expect(response.status).toBe(403);
      expect(response.body.error).toMatchObject({
        code: 'SCOPE_MISSING',
        value: [IdentityScopes.verify],
      });
    });

    it('rejects operator on agency endpoint', async () => {
      const response = await verify(
        payload(),
        await operatorAuthorization([IdentityScopes.verify, IdentityScopes.release]),
      );

      expect(response.status).toBe(403);
      expect(response.body.error).toMatchObject({
        code: 'CALLER_NOT_PERMITTED',
        value: 'operator',
      });
    });

    it('rejects station token', async () => {
      const response = await verify(
        payload(),
        await testAuthorization({
          audience: TOKEN_AUDIENCE,
          kind: 'station',
          scopes: [IdentityScopes.verify],
          stationCode: 'ST-0001',
        }),
      );

      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('CALLER_NOT_PERMITTED');
    });

    it('rejects service token without svc', async () => {
      const response = await verify(payload(), await agencyAuthorization(undefined));

      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('SERVICE_CLAIM_MISSING');
    });

    it('rejects unknown agency', async () => {
      const before = await lookupCount();
      const response = await verify(payload(), await agencyAuthorization('no-such-agency'));

      expect(response.status).toBe(403);
      expect(response.body.error).toMatchObject({
        code: 'AGENCY_UNKNOWN',
        field: 'svc',
        value: 'no-such-agency',
      });
      expect(await lookupCount()).toBe(before);
    });

    it('logs client and token ids', async () => {
      const response = await verify(payload());

      expect(response.status).toBe(200);
      expect(await lastLookup()).toMatchObject({
        client_id: `client-${bank.serviceId}`,
        service_id: bank.serviceId,
        token_id: tokenIdOf(bank.auth),
      });
    });
  });

  describe('rate limit', () => {
    it('answers 429 over the limit', async () => {
      const limited = await createAgency(harness, {
        attributes: ['givenNameAr'],
        purposes: ['account-opening'],
        requestsPerWindow: 3,
      });
      const other = await createAgency(harness, {
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
      const agency = await createAgency(harness, {
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
