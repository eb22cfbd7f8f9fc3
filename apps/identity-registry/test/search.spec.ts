import request from 'supertest';

import { PersonRegistered } from '@bitaqa/contracts';

import { IdentityScopes } from '../src/auth/scopes';

import { createAgency } from './support/agency-setup';
import { personData } from './support/civil-builders';
import { RegistryHarness } from './support/registry-harness';
import { agencyAuthorization } from './support/tokens';

describe('GET /search/identities', () => {
  const harness = new RegistryHarness('search');
  const samir = personData({
    birthDate: '1975-09-30',
    birthPlace: 'SY0101',
    familyNameAr: 'القباني',
    fatherNameAr: 'عبد الله',
    givenNameAr: 'سمير',
    grandfatherNameAr: 'عمر',
    motherNameAr: 'آمنة الحلبي',
  });
  const samira = personData({
    birthDate: '1982-01-15',
    birthPlace: 'SY010100',
    familyNameAr: 'القباني',
    fatherNameAr: 'خالد',
    givenNameAr: 'سميرة',
    motherNameAr: 'آمنة',
    sex: 'F',
  });
  const cousin = personData({
    birthDate: '1990-06-01',
    birthPlace: 'SY0203',
    familyNameAr: 'القبانـي',
    fatherNameAr: 'حسن',
    givenNameAr: 'سَمير',
    grandfatherNameAr: null,
    motherNameAr: 'فاطمة الزين',
  });
  const other = personData({
    birthDate: '1990-03-03',
    birthPlace: 'SY0203',
    familyNameAr: 'الحلبي',
    givenNameAr: 'محمد',
    motherNameAr: 'آمنة الحلبي',
  });

  function search(query: object, auth = harness.operatorAuth): request.Test {
    return request(harness.httpServer)
      .get('/search/identities')
      .query(query)
      .set('authorization', auth);
  }

  async function numbersFound(query: object): Promise<string[]> {
    const response = await search(query);

    if (response.status !== 200) throw new Error(`search failed: ${response.text}`);

    return response.body.items.map((item: { nationalNumber: string }) => item.nationalNumber);
  }

  beforeAll(async () => {
    await harness.start();
    await harness.waitForHandled(
      await harness.publisher.publish(PersonRegistered, samir),
      await harness.publisher.publish(PersonRegistered, samira),
      await harness.publisher.publish(PersonRegistered, cousin),
      await harness.publisher.publish(PersonRegistered, other),
    );
  });

  afterAll(() => harness.stop());

  describe('by Arabic name', () => {
    it('finds spelling variants', async () => {
      expect(await numbersFound({ name: 'سمير القبانى' })).toEqual([
        samir.nationalNumber,
        cousin.nationalNumber,
      ]);
    });

    it('matches whole words only', async () => {
      expect(await numbersFound({ name: 'سميرة' })).toEqual([samira.nationalNumber]);
      expect(await numbersFound({ name: 'سمي' })).toEqual([]);
    });

    it.each([['سمير عبدالله'], ['سمير عبد الله'], ['عمر سمير']])(
      'matches %s in any order',
      async (name) => {
        expect(await numbersFound({ name })).toEqual([samir.nationalNumber]);
      },
    );

    it('returns search hits', async () => {
      const response = await search({ name: 'سمير عمر' });

      expect(response.body.items).toEqual([
        {
          birthDate: '1975-09-30',
          birthPlace: 'SY0101',
          familyNameAr: 'القباني',
          familyNameLatin: expect.stringMatching(/^[A-Z ]+$/),
          fatherNameAr: 'عبد الله',
          givenNameAr: 'سمير',
          givenNameLatin: expect.stringMatching(/^[A-Z ]+$/),
          governorate: 'SY01',
          grandfatherNameAr: 'عمر',
          motherNameAr: 'آمنة الحلبي',
          nationalNumber: samir.nationalNumber,
          sex: 'M',
          status: 'active',
        },
      ]);
    });
  });

  describe('by Latin name', () => {
    it('finds stored Latin names', async () => {
      const [row] = await harness.query<{ family: string; given: string }>(
        `SELECT given_name_latin AS given, family_name_latin AS family
         FROM identities WHERE national_number = $1`,
        [samir.nationalNumber],
      );
      const name = `${row!.given.toLowerCase()} ${row!.family}`;

      expect(await numbersFound({ name })).toEqual([samir.nationalNumber, cousin.nationalNumber]);
    });

    it('matches whole words only', async () => {
      const [row] = await harness.query<{ given: string }>(
        'SELECT given_name_latin AS given FROM identities WHERE national_number = $1',
        [samir.nationalNumber],
      );

      expect(await numbersFound({ name: row!.given.slice(0, -1) })).toEqual([]);
    });
  });

  describe('filters', () => {
    it('narrows by mother name words', async () => {
      expect(await numbersFound({ motherName: 'الحلبي', name: 'القباني' })).toEqual([
        samir.nationalNumber,
      ]);
      expect(await numbersFound({ motherName: 'امنه', name: 'القباني' })).toEqual([
        samir.nationalNumber,
        samira.nationalNumber,
      ]);
      expect(await numbersFound({ motherName: 'آمنة الحلبي', name: 'القباني' })).toEqual([
        samir.nationalNumber,
      ]);
      expect(await numbersFound({ motherName: 'امن', name: 'القباني' })).toEqual([]);
    });

    it('narrows by place prefix', async () => {
      expect(await numbersFound({ birthPlace: 'SY01', name: 'القباني' })).toEqual([
        samir.nationalNumber,
        samira.nationalNumber,
      ]);
      expect(await numbersFound({ birthPlace: 'SY010100', name: 'القباني' })).toEqual([
        samira.nationalNumber,
      ]);
      expect(await numbersFound({ birthPlace: 'SY02', name: 'القباني' })).toEqual([
        cousin.nationalNumber,
      ]);
    });

    it('narrows by birth year', async () => {
      expect(await numbersFound({ birthYear: 1990, name: 'القباني' })).toEqual([
        cousin.nationalNumber,
      ]);
      expect(await numbersFound({ birthYear: 1991, name: 'القباني' })).toEqual([]);
    });

    it('finds by national number', async () => {
      expect(await numbersFound({ nationalNumber: other.nationalNumber })).toEqual([
        other.nationalNumber,
      ]);
      expect(await numbersFound({ name: 'القباني', nationalNumber: other.nationalNumber })).toEqual(
        [],
      );
    });
  });

  describe('paging', () => {
    it('continues after the cursor', async () => {
      const first = await search({ limit: 2, name: 'القباني' });
      const second = await search({ after: first.body.nextAfter, limit: 2, name: 'القباني' });

      expect(
        first.body.items.map((item: { nationalNumber: string }) => item.nationalNumber),
      ).toEqual([samir.nationalNumber, samira.nationalNumber]);
      expect(first.body).toMatchObject({ limit: 2, nextAfter: samira.nationalNumber });
      expect(
        second.body.items.map((item: { nationalNumber: string }) => item.nationalNumber),
      ).toEqual([cousin.nationalNumber]);
      expect(second.body.nextAfter).toBeNull();
    });
  });

  describe('validation', () => {
    it.each([
      [{}, 'name'],
      [{ birthPlace: 'SY01', motherName: 'امنه' }, 'name'],
      [{ name: 'سمير Samir' }, 'name'],
      [{ name: 'س ع' }, 'name'],
      [{ name: 'ـــ' }, 'name'],
      [{ name: 'Sam1r' }, 'name'],
      [{ motherName: 'Amina', name: 'سمير' }, 'motherName'],
      [{ birthPlace: 'SY1', name: 'سمير' }, 'birthPlace'],
      [{ birthPlace: 'SY01%', name: 'سمير' }, 'birthPlace'],
      [{ birthYear: 1800, name: 'سمير' }, 'birthYear'],
      [{ birthYear: 'old', name: 'سمير' }, 'birthYear'],
      [{ limit: 0, name: 'سمير' }, 'limit'],
      [{ limit: 101, name: 'سمير' }, 'limit'],
      [{ after: '123', name: 'سمير' }, 'after'],
      [{ nationalNumber: '01000000000' }, 'nationalNumber'],
      [{ mother: 'امنه', name: 'سمير' }, 'mother'],
    ])('rejects %j at %s', async (query, field) => {
      const response = await search(query);

      expect(response.status).toBe(400);
      expect(response.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
    });
  });

  describe('access', () => {
    it('rejects agency caller', async () => {
      const agency = await createAgency(harness, {
        attributes: ['givenNameAr'],
        purposes: ['account-opening'],
      });
      const withoutScope = await search({ name: 'سمير' }, agency.auth);
      const withScope = await search(
        { name: 'سمير' },
        await agencyAuthorization(agency.serviceId, [IdentityScopes.operate]),
      );

      expect(withoutScope.status).toBe(403);
      expect(withoutScope.body.error.code).toBe('SCOPE_MISSING');
      expect(withScope.status).toBe(403);
      expect(withScope.body.error.code).toBe('CALLER_NOT_PERMITTED');
    });

    it('rejects anonymous caller', async () => {
      const response = await request(harness.httpServer)
        .get('/search/identities')
        .query({ name: 'سمير' });

      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('TOKEN_MISSING');
    });
  });
});
