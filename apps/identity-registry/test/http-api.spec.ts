import request from 'supertest';

import { FamilyUpdated, PersonDied, PersonRegistered } from '@bitaqa/contracts';

import {
  familyData,
  freshFamilyId,
  freshNationalNumber,
  member,
  personData,
} from './support/civil-builders';
import { RegistryHarness } from './support/registry-harness';

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

  async function verificationCount(): Promise<number> {
    const [row] = await harness.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM verification_queries',
    );

    return row?.count ?? -1;
  }

  describe('GET /identities/:nationalNumber', () => {
    it('returns the identity', async () => {
      const response = await request(harness.httpServer).get(`/identities/${head.nationalNumber}`);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        familyNameLatin: 'ALQBANI',
        familyRole: 'head',
        givenNameLatin: 'SAMIR',
        nationalNumber: head.nationalNumber,
      });
    });

    it.each([['123'], ['0100000000x'], ['01000000000']])('rejects %s with 400', async (value) => {
      const response = await request(harness.httpServer).get(`/identities/${value}`);

      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({
        code: 'VALIDATION_FAILED',
        field: 'nationalNumber',
        value,
      });
    });

    it('answers 404 for unknown number', async () => {
      const unknown = freshNationalNumber();
      const response = await request(harness.httpServer).get(`/identities/${unknown}`);

      expect(response.status).toBe(404);
      expect(response.body.error).toMatchObject({
        code: 'IDENTITY_NOT_FOUND',
        field: 'nationalNumber',
        value: unknown,
      });
    });
  });

  describe('GET /identities?name=', () => {
    it('finds spelling variants', async () => {
      const response = await request(harness.httpServer)
        .get('/identities')
        .query({ name: 'سمير القبانى' });
      const numbers = response.body.items.map(
        (item: { nationalNumber: string }) => item.nationalNumber,
      );

      expect(response.status).toBe(200);
      expect(numbers.sort()).toEqual(
        [head.nationalNumber, brother.nationalNumber, cousin.nationalNumber].sort(),
      );
    });

    it.each([['سمير عبدالله'], ['سمير عبد الله']])('matches compound name %s', async (name) => {
      const response = await request(harness.httpServer).get('/identities').query({ name });

      expect(response.body.items).toHaveLength(1);
      expect(response.body.items[0].nationalNumber).toBe(head.nationalNumber);
    });

    it('pages through results', async () => {
      const first = await request(harness.httpServer)
        .get('/identities')
        .query({ limit: 2, name: 'القباني' });
      const second = await request(harness.httpServer)
        .get('/identities')
        .query({ limit: 2, name: 'القباني', offset: first.body.nextOffset });
      const numbers = [...first.body.items, ...second.body.items].map(
        (item: { nationalNumber: string }) => item.nationalNumber,
      );

      expect(first.body).toMatchObject({ limit: 2, nextOffset: 2, offset: 0 });
      expect(first.body.items).toHaveLength(2);
      expect(second.body).toMatchObject({ limit: 2, nextOffset: null, offset: 2 });
      expect(second.body.items).toHaveLength(1);
      expect(new Set(numbers).size).toBe(3);
    });

    it.each([
      [{}, 'name'],
      [{ name: 'Samir' }, 'name'],
      [{ name: 'ـــ' }, 'name'],
      [{ name: 'س' }, 'name'],
      [{ limit: 101, name: 'سمير' }, 'limit'],
      [{ limit: 0, name: 'سمير' }, 'limit'],
      [{ limit: 'ten', name: 'سمير' }, 'limit'],
      [{ name: 'سمير', offset: -1 }, 'offset'],
    ])('rejects %j at %s', async (query, field) => {
      const response = await request(harness.httpServer).get('/identities').query(query);

      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
    });
  });

  describe('POST /verifications', () => {
    it('matches normalized names', async () => {
      const before = await verificationCount();
      const response = await request(harness.httpServer).post('/verifications').send({
        birthDate: head.birthDate,
        familyNameAr: 'القبانـي',
        fatherNameAr: 'عبدالله',
        givenNameAr: 'سَمِير',
        motherNameAr: 'امنه',
        nationalNumber: head.nationalNumber,
        purpose: 'social benefit application 2024-118',
      });
      const [logged] = await harness.query<Record<string, unknown>>(
        'SELECT * FROM verification_queries ORDER BY id DESC LIMIT 1',
      );

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ match: true, mismatched: [] });
      expect(await verificationCount()).toBe(before + 1);
      expect(logged).toMatchObject({
        claimed_fields: [
          'birthDate',
          'familyNameAr',
          'fatherNameAr',
          'givenNameAr',
          'motherNameAr',
        ],
        matched: true,
        mismatched_fields: [],
        national_number: head.nationalNumber,
        purpose: 'social benefit application 2024-118',
      });
    });

    it('lists mismatched fields', async () => {
      const response = await request(harness.httpServer).post('/verifications').send({
        birthDate: '1999-01-01',
        givenNameAr: 'سمير',
        motherNameAr: 'فاطمة',
        nationalNumber: head.nationalNumber,
        purpose: 'bank account opening',
      });

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ match: false, mismatched: ['birthDate', 'motherNameAr'] });
    });

    it('reports unknown person', async () => {
      const response = await request(harness.httpServer).post('/verifications').send({
        givenNameAr: 'سمير',
        nationalNumber: freshNationalNumber(),
        purpose: 'bank account opening',
      });

      expect(response.status).toBe(200);
      expect(response.body).toEqual({ match: false, mismatched: ['nationalNumber'] });
    });

    it.each([
      [{ givenNameAr: 'سمير', nationalNumber: '__head__' }, 'purpose'],
      [{ givenNameAr: 'سمير', nationalNumber: '__head__', purpose: '  ' }, 'purpose'],
      [{ nationalNumber: '__head__', purpose: 'bank account opening' }, 'givenNameAr'],
      [{ givenNameAr: 'Samir', nationalNumber: '__head__', purpose: 'audit' }, 'givenNameAr'],
      [{ birthDate: '1980-02-30', nationalNumber: '__head__', purpose: 'audit' }, 'birthDate'],
      [{ givenNameAr: 'سمير', nationalNumber: '12', purpose: 'audit' }, 'nationalNumber'],
      [{ givenNameAr: 'سمير', purpose: 'audit' }, 'nationalNumber'],
      [{ mothername: 'آمنة', nationalNumber: '__head__', purpose: 'audit' }, 'mothername'],
    ])('rejects %j at %s', async (body, field) => {
      const before = await verificationCount();
      const payload = Object.fromEntries(
        Object.entries(body).map(([key, value]) => [
          key,
          value === '__head__' ? head.nationalNumber : value,
        ]),
      );
      const response = await request(harness.httpServer).post('/verifications').send(payload);

      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
      expect(await verificationCount()).toBe(before);
    });

    it('rejects malformed JSON', async () => {
      const before = await verificationCount();
      const response = await request(harness.httpServer)
        .post('/verifications')
        .set('content-type', 'application/json')
        .send('{"nationalNumber": ');

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('MALFORMED_JSON');
      expect(await verificationCount()).toBe(before);
    });
  });

  it('GET /stats counts identities', async () => {
    const response = await request(harness.httpServer).get('/stats');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ active: 3, deceased: 1, heads: 1, identities: 4 });
  });

  it('GET /health reports ok', async () => {
    const response = await request(harness.httpServer).get('/health');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ database: 'up', redis: 'up', status: 'ok' });
  });
});
