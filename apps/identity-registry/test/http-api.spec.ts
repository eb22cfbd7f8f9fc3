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

  describe('GET /identities/:nationalNumber', () => {
    it('returns the identity', async () => {
      const response = await request(harness.httpServer).get(`/identities/${head.nationalNumber}`);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        familyNameLatin: 'ALQABBANI',
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
