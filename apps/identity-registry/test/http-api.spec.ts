import request from 'supertest';

import { FamilyUpdated, PersonDied, PersonRegistered } from '@bitaqa/contracts';

import { IdentityScopes } from '../src/auth/scopes';

import {
  familyData,
  freshFamilyId,
  freshNationalNumber,
  member,
  personData,
} from './support/civil-builders';
import { createAgency } from './support/agency-setup';
import { RegistryHarness } from './support/registry-harness';
import { agencyAuthorization } from './support/tokens';

describe('HTTP API', () => {
  const harness = new RegistryHarness('http');
  const head = personData({
    familyNameAr: 'القباني',
    fatherNameAr: 'عبد الله',
    givenNameAr: 'سمير',
    grandfatherNameAr: 'عمر',
    motherNameAr: 'آمنة',
  });
  const brother = personData({
    familyNameAr: 'القباني',
    givenNameAr: 'سمير',
    grandfatherNameAr: 'حسن',
  });
  const cousin = personData({
    familyNameAr: 'القبانـي',
    givenNameAr: 'سَمير',
    grandfatherNameAr: null,
  });
  const deceased = personData({ familyNameAr: 'الشامي', givenNameAr: 'إسماعيل' });

  beforeAll(async () => {
    await harness.start();

    const events = [
      await harness.publisher.publish(PersonRegistered, head),
      await harness.publisher.publish(PersonRegistered, brother),
      await harness.publisher.publish(PersonRegistered, cousin),
      await harness.publisher.publish(PersonRegistered, deceased),
    ];

    await harness.waitForHandled(...events);

    const more = [
      await harness.publisher.publish(
        FamilyUpdated,
        familyData(freshFamilyId(), 1, [member(head.nationalNumber, 'head')]),
      ),
      await harness.publisher.publish(PersonDied, {
        dateOfDeath: '2023-05-05',
        nationalNumber: deceased.nationalNumber,
      }),
    ];

    await harness.waitForHandled(...more);
  });

  afterAll(() => harness.stop());

  describe('GET /identities/:nationalNumber', () => {
    it('returns the identity', async () => {
      const response = await harness.readIdentity(head.nationalNumber);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        familyNameLatin: 'ALQABBANI',
        familyRole: 'head',
        givenNameLatin: 'SAMIR',
        nationalNumber: head.nationalNumber,
      });
    });

    it.each([['123'], ['0100000000x'], ['01000000000']])('rejects %s with 400', async (value) => {
      const response = await harness.readIdentity(value);

      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        field: 'nationalNumber',
        value,
      });
    });

    it('answers 404 for unknown number', async () => {
      const unknown = freshNationalNumber();
      const response = await harness.readIdentity(unknown);

      expect(response.status).toBe(404);
      expect(response.body.error).toMatchObject({
        code: 'IDENTITY_NOT_FOUND',
        field: 'nationalNumber',
        value: unknown,
      });
    });
  });

  describe('operator reads', () => {
    async function readsOf(nationalNumber: string): Promise<Array<Record<string, unknown>>> {
      return harness.query(
        `SELECT caller_kind, service_id, kind, purpose, reference, outcome, attributes_released
         FROM identity_lookups WHERE national_number = $1 ORDER BY id`,
        [nationalNumber],
      );
    }

    it('answers 401 without token', async () => {
      const response = await request(harness.httpServer)
        .get(`/identities/${head.nationalNumber}`)
        .query({ purpose: 'service-desk' });

      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('TOKEN_MISSING');
    });

    it('answers 403 to agency token', async () => {
      const agency = await createAgency(harness, {
        attributes: ['givenNameAr'],
        purposes: ['service-desk'],
      });
      const response = await request(harness.httpServer)
        .get(`/identities/${head.nationalNumber}`)
        .query({ purpose: 'service-desk' })
        .set(
          'authorization',
          await agencyAuthorization(agency.serviceId, [IdentityScopes.operate]),
        );

      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('CALLER_NOT_PERMITTED');
    });

    it('logs the read', async () => {
      const reader = personData();

      await harness.waitForHandled(await harness.publisher.publish(PersonRegistered, reader));

      const response = await request(harness.httpServer)
        .get(`/identities/${reader.nationalNumber}`)
        .query({ purpose: 'holder-request', reference: 'DESK-42' })
        .set('authorization', harness.operatorAuth);
      const rows = await readsOf(reader.nationalNumber);

      expect(response.status).toBe(200);
      expect(rows).toEqual([
        {
          attributes_released: expect.arrayContaining(['givenNameAr', 'motherNameAr']),
          caller_kind: 'operator',
          kind: 'read',
          outcome: 'released',
          purpose: 'holder-request',
          reference: 'DESK-42',
          service_id: null,
        },
      ]);
    });

    it('logs cached reads too', async () => {
      await harness.readIdentity(deceased.nationalNumber);
      await harness.readIdentity(deceased.nationalNumber);

      const rows = await readsOf(deceased.nationalNumber);

      expect(rows).toHaveLength(2);
      expect(rows.every((row) => row.outcome === 'released')).toBe(true);
    });

    it('logs unknown number as not found', async () => {
      const unknown = freshNationalNumber();
      const response = await harness.readIdentity(unknown);
      const rows = await readsOf(unknown);

      expect(response.status).toBe(404);
      expect(rows).toEqual([
        expect.objectContaining({ attributes_released: [], kind: 'read', outcome: 'not_found' }),
      ]);
    });

    it('lists the read among lookups', async () => {
      await harness.readIdentity(head.nationalNumber);

      const response = await request(harness.httpServer)
        .get(`/identities/${head.nationalNumber}/lookups`)
        .set('authorization', harness.operatorAuth);

      expect(response.body.items[0]).toMatchObject({
        caller: { kind: 'operator' },
        kind: 'read',
        outcome: 'released',
        purpose: 'service-desk',
      });
    });

    it.each([
      [{}, 'purpose'],
      [{ purpose: 'X' }, 'purpose'],
      [{ purpose: 'service-desk', name: 'سمير' }, 'name'],
    ])('rejects %j at %s', async (query, field) => {
      const response = await request(harness.httpServer)
        .get(`/identities/${head.nationalNumber}`)
        .query(query)
        .set('authorization', harness.operatorAuth);

      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
    });

    it('no longer serves the old name search', async () => {
      const response = await request(harness.httpServer)
        .get('/identities')
        .query({ name: 'سمير' })
        .set('authorization', harness.operatorAuth);
      const indexes = await harness.query(
        "SELECT indexname FROM pg_indexes WHERE indexname = 'identities_full_name_trgm_idx'",
      );

      expect(response.status).toBe(404);
      expect(indexes).toEqual([]);
    });
  });

  it('GET /stats counts identities', async () => {
    const response = await request(harness.httpServer).get('/stats');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ active: 4, deceased: 1, heads: 1, identities: 5 });
  });

  it('GET /health reports ok', async () => {
    const response = await request(harness.httpServer).get('/health');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ database: 'up', redis: 'up', status: 'ok' });
  });
});
