import type { ErrorBody } from '@bitaqa/http';
import { makeNationalNumber } from '@bitaqa/contracts';

import type { FamilyView } from '../src/families/family-view';
import type { RegisterStats } from '../src/health/stats.service';
import type { PersonView } from '../src/persons/dto/person-view.dto';

import { marriedCouple } from './support/builders';
import { startCivilTestApp, type CivilTestApp } from './support/civil-test-app';

describe('read endpoints', () => {
  let api: CivilTestApp;

  beforeAll(async () => {
    api = await startCivilTestApp('queries');
  });

  afterAll(async () => {
    await api.close();
  });

  it('health', async () => {
    const { body, status } = await api.get('/health');

    expect(status).toBe(200);
    expect(body).toEqual({ database: 'up', status: 'ok' });
  });

  it('stats count the register', async () => {
    const empty = await api.get<RegisterStats>('/stats');
    const couple = await marriedCouple(api);

    await api.post('/deaths', { dateOfDeath: '2020-01-01', nationalNumber: couple.wife });

    const { body } = await api.get<RegisterStats>('/stats');

    expect(empty.body).toMatchObject({ deaths: 0, families: 0, marriages: 0, persons: 0 });
    expect(body).toMatchObject({
      activeMarriages: 0,
      deaths: 1,
      families: 1,
      livingPersons: 1,
      marriages: 1,
      persons: 2,
    });
  });

  it('person with family and marriage', async () => {
    const couple = await marriedCouple(api, '2004-01-01');
    const { body, status } = await api.get<PersonView>(`/persons/${couple.wife}`);

    expect(status).toBe(200);
    expect(body).toMatchObject({
      alive: true,
      families: [{ familyId: couple.familyId, joinedOn: '2004-01-01', leftOn: null, role: 'wife' }],
      nationalNumber: couple.wife,
      sex: 'F',
    });
    expect(body.marriages).toEqual([
      expect.objectContaining({
        date: '2004-01-01',
        husbandNationalNumber: couple.husband,
        status: 'active',
      }),
    ]);
  });

  it('family book', async () => {
    const couple = await marriedCouple(api);
    const { body, status } = await api.get<FamilyView>(`/families/${couple.familyId}`);

    expect(status).toBe(200);
    expect(body.headNationalNumber).toBe(couple.husband);
    expect(body.version).toBe(1);
    expect(body.members.map((member) => [member.nationalNumber, member.role])).toEqual([
      [couple.husband, 'head'],
      [couple.wife, 'wife'],
    ]);
  });

  it('unknown person', async () => {
    const nationalNumber = makeNationalNumber(3, 99_999_999);
    const { body, status } = await api.get<ErrorBody>(`/persons/${nationalNumber}`);

    expect(status).toBe(404);
    expect(body.error.code).toBe('PERSON_NOT_FOUND');
    expect(body.error.hint).toMatch(/\S/);
    expect(body.error.value).toBe(nationalNumber);
  });

  it('bad check digit in path', async () => {
    const { body, status } = await api.get<ErrorBody>('/persons/03999999990');

    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.field).toBe('nationalNumber');
    expect(body.error.value).toBe('03999999990');
  });

  it('unknown family', async () => {
    const { body, status } = await api.get<ErrorBody>('/families/FAM-SY14-999999');

    expect(status).toBe(404);
    expect(body.error.code).toBe('FAMILY_NOT_FOUND');
    expect(body.error.hint).toMatch(/\S/);
  });

  it('bad family id', async () => {
    const { body, status } = await api.get<ErrorBody>('/families/family-1');

    expect(status).toBe(400);
    expect(body.error.field).toBe('familyId');
  });
});
