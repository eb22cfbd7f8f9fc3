import { makeNationalNumber } from '@bitaqa/contracts';
import type { ErrorBody } from '@bitaqa/http';

import type { BirthResult } from '../src/births/dto/birth.dto';
import type { DivorceResult } from '../src/divorces/dto/divorce.dto';
import type { FamilyView } from '../src/families/family-view';
import type { PersonHistory, PersonView } from '../src/persons/dto/person-view.dto';

import { importPersons, manRow, marriedCouple } from './support/builders';
import { startCivilTestApp, type CivilTestApp } from './support/civil-test-app';

const COURT = 'محكمة البداية المدنية بحمص';

describe('history and as-of views', () => {
  let api: CivilTestApp;

  beforeAll(async () => {
    api = await startCivilTestApp('history');
  });

  afterAll(async () => {
    await api.close();
  });

  const personAsOf = (nationalNumber: string, asOf: string) =>
    api.get<PersonView & ErrorBody>(`/persons/${nationalNumber}?asOf=${asOf}`);

  const familyAsOf = (familyId: string, asOf: string) =>
    api.get<FamilyView & ErrorBody>(`/families/${familyId}?asOf=${asOf}`);

  /** Registers a man born in 1980, married in 2005, renamed by a 2015 decision, dead in 2020. */
  async function lifeOfOneMan(): Promise<{ familyId: string; husband: string; wife: string }> {
    const couple = await marriedCouple(api, '2005-06-01', { husband: { givenNameAr: 'محمود' } });

    await api.post('/corrections', {
      changes: { givenNameAr: 'محمد' },
      decision: { court: COURT, date: '2015-04-04', number: '44/2015' },
      nationalNumber: couple.husband,
    });
    await api.post('/deaths', { dateOfDeath: '2020-02-02', nationalNumber: couple.husband });

    return couple;
  }

  describe('GET /persons/:nn/history', () => {
    it('lists each change in effect order', async () => {
      const couple = await lifeOfOneMan();
      const { body, status } = await api.get<PersonHistory>(`/persons/${couple.husband}/history`);
      const [registered, married, corrected, died] = body.changes;

      expect(status).toBe(200);
      expect(body.changes.map((change) => [change.kind, change.effectiveOn])).toEqual([
        ['import', '1980-03-01'],
        ['marriage', '2005-06-01'],
        ['correction', '2015-04-04'],
        ['death', '2020-02-02'],
      ]);
      expect(registered?.fields).toMatchObject({ birthDate: '1980-03-01', givenNameAr: 'محمود' });
      expect(married?.details).toMatchObject({
        familyId: couple.familyId,
        spouseNationalNumber: couple.wife,
      });
      expect(corrected).toMatchObject({
        decision: { court: COURT, date: '2015-04-04', number: '44/2015' },
        fields: { givenNameAr: 'محمد' },
        previous: { givenNameAr: 'محمود' },
      });
      expect(died).toMatchObject({
        fields: { dateOfDeath: '2020-02-02' },
        previous: { dateOfDeath: null },
      });
      expect(Date.parse(died?.recordedAt ?? '')).toBeGreaterThanOrEqual(
        Date.parse(registered?.recordedAt ?? ''),
      );
    });

    it('widow and divorce steps', async () => {
      const couple = await marriedCouple(api, '2005-06-01');
      const filed = await api.post<DivorceResult>('/divorces', {
        filing: { court: COURT, date: '2010-01-01', number: '7/2010' },
        husbandNationalNumber: couple.husband,
        wifeNationalNumber: couple.wife,
      });

      await api.post(`/divorces/${filed.body.divorceId}/withdraw`, { withdrawnOn: '2010-02-02' });
      await api.post('/deaths', { dateOfDeath: '2012-03-03', nationalNumber: couple.husband });

      const { body } = await api.get<PersonHistory>(`/persons/${couple.wife}/history`);

      expect(body.changes.map((change) => [change.kind, change.effectiveOn])).toEqual([
        ['import', '1985-07-15'],
        ['marriage', '2005-06-01'],
        ['divorce-filed', '2010-01-01'],
        ['divorce-withdrawn', '2010-02-02'],
        ['widowed', '2012-03-03'],
      ]);
      expect(body.changes[2]?.decision).toEqual({
        court: COURT,
        date: '2010-01-01',
        number: '7/2010',
      });
      expect(body.changes[4]?.details).toMatchObject({ spouseNationalNumber: couple.husband });
    });

    it('unknown person', async () => {
      const { body, status } = await api.get<ErrorBody>(
        `/persons/${makeNationalNumber(3, 99_999_999)}/history`,
      );

      expect(status).toBe(404);
      expect(body.error.code).toBe('PERSON_NOT_FOUND');
    });

    it('bad check digit', async () => {
      const { body, status } = await api.get<ErrorBody>('/persons/03999999990/history');

      expect(status).toBe(400);
      expect(body.error.field).toBe('nationalNumber');
    });
  });

  describe('GET /persons/:nn?asOf', () => {
    it('before the correction', async () => {
      const couple = await lifeOfOneMan();
      const { body, status } = await personAsOf(couple.husband, '2015-04-03');

      expect(status).toBe(200);
      expect(body).toMatchObject({ alive: true, asOf: '2015-04-03', givenNameAr: 'محمود' });
      expect(body.marriages).toEqual([
        expect.objectContaining({ endedOn: null, status: 'active' }),
      ]);
    });

    it('from the decision date on', async () => {
      const couple = await lifeOfOneMan();

      expect((await personAsOf(couple.husband, '2015-04-04')).body.givenNameAr).toBe('محمد');
    });

    it('before the marriage', async () => {
      const couple = await lifeOfOneMan();
      const { body } = await personAsOf(couple.husband, '2005-05-31');

      expect(body.families).toEqual([]);
      expect(body.marriages).toEqual([]);
    });

    it('after the death', async () => {
      const couple = await lifeOfOneMan();
      const husband = await personAsOf(couple.husband, '2020-02-02');
      const wife = await personAsOf(couple.wife, '2020-02-02');

      expect(husband.body).toMatchObject({ alive: false, dateOfDeath: '2020-02-02' });
      expect(wife.body.marriages).toEqual([
        expect.objectContaining({ endedOn: '2020-02-02', status: 'widowed' }),
      ]);
    });

    it('before the birth', async () => {
      const couple = await lifeOfOneMan();
      const { body, status } = await personAsOf(couple.husband, '1980-02-29');

      expect(status).toBe(404);
      expect(body.error).toMatchObject({
        code: 'PERSON_NOT_BORN',
        field: 'asOf',
        value: '1980-02-29',
      });
    });

    it('birth date as it stood', async () => {
      const [person] = await importPersons(api, [manRow({ birthDate: '1990-01-01' })]);

      await api.post('/corrections', {
        changes: { birthDate: '1988-01-01' },
        decision: { court: COURT, date: '2020-01-01', number: '88/2020' },
        nationalNumber: person,
      });

      expect((await personAsOf(person!, '1989-01-01')).body.error.code).toBe('PERSON_NOT_BORN');
      expect((await personAsOf(person!, '2019-12-31')).body.birthDate).toBe('1990-01-01');
      expect((await personAsOf(person!, '2020-01-01')).body.birthDate).toBe('1988-01-01');
    });

    it('unknown person', async () => {
      const { body, status } = await personAsOf(makeNationalNumber(3, 99_999_999), '2000-01-01');

      expect(status).toBe(404);
      expect(body.error.code).toBe('PERSON_NOT_FOUND');
    });

    it('invalid asOf', async () => {
      const couple = await lifeOfOneMan();
      const cases: [string, number, string, string][] = [
        ['asOf=2020-02-30', 400, 'VALIDATION_FAILED', 'asOf'],
        ['asOf=yesterday', 400, 'VALIDATION_FAILED', 'asOf'],
        ['asOf=2020-01-01&at=1', 400, 'VALIDATION_FAILED', 'at'],
        ['asOf=2026-07-01', 422, 'DATE_IN_FUTURE', 'asOf'],
      ];

      for (const [query, status, code, field] of cases) {
        const answer = await api.get<ErrorBody>(`/persons/${couple.husband}?${query}`);

        expect([query, answer.status, answer.body.error.code, answer.body.error.field]).toEqual([
          query,
          status,
          code,
          field,
        ]);
      }
    });
  });

  describe('GET /families/:id?asOf', () => {
    it('before and after a divorce', async () => {
      const couple = await marriedCouple(api, '2005-06-01');
      const { body: child } = await api.post<BirthResult>('/births', {
        birthDate: '2007-07-07',
        birthPlace: 'SY020000',
        fatherNationalNumber: couple.husband,
        givenNameAr: 'رامي',
        motherNationalNumber: couple.wife,
        sex: 'M',
      });
      const filed = await api.post<DivorceResult>('/divorces', {
        filing: { court: COURT, date: '2011-01-01', number: '9/2011' },
        husbandNationalNumber: couple.husband,
        wifeNationalNumber: couple.wife,
      });

      await api.post(`/divorces/${filed.body.divorceId}/finalize`, {
        decision: { court: COURT, date: '2011-06-06', number: '10/2011' },
      });

      const beforeChild = await familyAsOf(couple.familyId, '2007-07-06');
      const married = await familyAsOf(couple.familyId, '2011-06-05');
      const divorced = await familyAsOf(couple.familyId, '2011-06-06');
      const numbers = (view: FamilyView) => view.members.map((member) => member.nationalNumber);

      expect(numbers(beforeChild.body)).toEqual([couple.husband, couple.wife]);
      expect(numbers(married.body)).toEqual([couple.husband, couple.wife, child.nationalNumber]);
      expect(married.body.formerMembers).toEqual([]);
      expect(numbers(divorced.body)).toEqual([couple.husband, child.nationalNumber]);
      expect(divorced.body.formerMembers).toEqual([
        expect.objectContaining({ leftOn: '2011-06-06', nationalNumber: couple.wife }),
      ]);
      expect(divorced.body.asOf).toBe('2011-06-06');
    });

    it('members as they stood', async () => {
      const couple = await lifeOfOneMan();
      const renamed = await familyAsOf(couple.familyId, '2015-04-04');
      const beforeDeath = await familyAsOf(couple.familyId, '2020-02-01');
      const afterDeath = await familyAsOf(couple.familyId, '2020-02-02');

      expect((await familyAsOf(couple.familyId, '2015-04-03')).body.members[0]?.givenNameAr).toBe(
        'محمود',
      );
      expect(renamed.body.members[0]?.givenNameAr).toBe('محمد');
      expect(beforeDeath.body.members[0]?.alive).toBe(true);
      expect(afterDeath.body.members[0]?.alive).toBe(false);
    });

    it('before the book opened', async () => {
      const couple = await lifeOfOneMan();
      const { body, status } = await familyAsOf(couple.familyId, '2005-05-31');

      expect(status).toBe(404);
      expect(body.error).toMatchObject({ code: 'FAMILY_NOT_OPENED', field: 'asOf' });
    });

    it('unknown family', async () => {
      const { body, status } = await familyAsOf('FAM-SY14-999999', '2000-01-01');

      expect(status).toBe(404);
      expect(body.error.code).toBe('FAMILY_NOT_FOUND');
    });
  });

  describe('journal', () => {
    it('persons are never deleted', async () => {
      const [person] = await importPersons(api, [manRow()]);

      await expect(
        api.sql.query('DELETE FROM persons WHERE national_number = $1', [person]),
      ).rejects.toThrow(/never deleted/);
      await expect(api.sql.query('TRUNCATE persons CASCADE')).rejects.toThrow(/never deleted/);
    });

    it('rejects updates and deletes', async () => {
      const [person] = await importPersons(api, [manRow()]);

      await expect(
        api.sql.query(
          "UPDATE person_changes SET effective_on = '2000-01-01' WHERE national_number = $1",
          [person],
        ),
      ).rejects.toThrow(/append-only/);
      await expect(
        api.sql.query('DELETE FROM person_changes WHERE national_number = $1', [person]),
      ).rejects.toThrow(/append-only/);
    });
  });
});
