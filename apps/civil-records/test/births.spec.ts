import {
  FamilyUpdated,
  makeNationalNumber,
  PersonRegistered,
  type EventData,
} from '@bitaqa/contracts';
import type { ErrorBody } from '@bitaqa/http';

import type { BirthResult } from '../src/births/dto/birth.dto';
import type { ImportResponse } from '../src/persons/dto/import-row.dto';
import type { PersonView } from '../src/persons/dto/person-view.dto';
import type { BatchResponse } from '../src/registry/batch';

import { importPersons, manRow, marriedCouple, womanRow } from './support/builders';
import {
  outboxEvents,
  startCivilTestApp,
  tableCounts,
  type CivilTestApp,
} from './support/civil-test-app';

type FamilyData = EventData<typeof FamilyUpdated.type>;
type Registered = EventData<typeof PersonRegistered.type>;

describe('POST /births', () => {
  let api: CivilTestApp;

  beforeAll(async () => {
    api = await startCivilTestApp('births');
  });

  afterAll(async () => {
    await api.close();
  });

  const birth = (parents: { husband: string; wife: string }, overrides = {}) => ({
    birthDate: '2008-04-10',
    birthPlace: 'SY020000',
    fatherNationalNumber: parents.husband,
    givenNameAr: 'يوسف',
    motherNationalNumber: parents.wife,
    sex: 'M',
    ...overrides,
  });

  async function expectRejected(
    body: unknown,
    status: number,
    code: string,
    field: string,
  ): Promise<void> {
    const before = await tableCounts(api.sql);
    const answer = await api.post<ErrorBody>('/births', body);

    expect(answer.status).toBe(status);
    expect(answer.body.error.code).toBe(code);
    expect(answer.body.error.field).toBe(field);
    expect(answer.body.error.hint).toMatch(/\S/);
    expect(await tableCounts(api.sql)).toEqual(before);
  }

  it('child joins the father book', async () => {
    const parents = await marriedCouple(api, '2005-06-01', {
      husband: { registrationGovernorate: 'SY07' },
    });
    const { body, status } = await api.post<BirthResult>('/births', birth(parents));
    const child = await api.get<PersonView>(`/persons/${body.nationalNumber}`);
    const father = await api.get<PersonView>(`/persons/${parents.husband}`);
    const mother = await api.get<PersonView>(`/persons/${parents.wife}`);

    expect(status).toBe(201);
    expect(body.familyId).toBe(parents.familyId);
    expect(body.nationalNumber).toMatch(/^07\d{9}$/);
    expect(child.body).toMatchObject({
      familyNameAr: father.body.familyNameAr,
      fatherNameAr: father.body.givenNameAr,
      fatherNationalNumber: parents.husband,
      grandfatherNameAr: father.body.fatherNameAr,
      motherNameAr: `${mother.body.givenNameAr} ${mother.body.familyNameAr}`,
      motherNationalNumber: parents.wife,
      registrationGovernorate: 'SY07',
    });
    expect(child.body.families).toEqual([
      { familyId: parents.familyId, joinedOn: '2008-04-10', leftOn: null, role: 'child' },
    ]);
  });

  it('publishes both events', async () => {
    const parents = await marriedCouple(api);
    const { body } = await api.post<BirthResult>('/births', birth(parents));
    const registered = (await outboxEvents<Registered>(api.sql, PersonRegistered.type)).find(
      (event) => event.key === body.nationalNumber,
    );
    const snapshots = (await outboxEvents<FamilyData>(api.sql, FamilyUpdated.type)).filter(
      (event) => event.key === parents.familyId,
    );

    expect(registered?.payload.reason).toBe('birth');
    expect(snapshots.map((event) => [event.payload.version, event.payload.reason])).toEqual([
      [1, 'marriage'],
      [2, 'birth'],
    ]);
    expect(snapshots[1]?.payload.members.at(-1)).toEqual({
      alive: true,
      birthDate: '2008-04-10',
      nationalNumber: body.nationalNumber,
      role: 'child',
      sex: 'M',
    });
  });

  it('parents not married', async () => {
    const [man, woman] = await importPersons(api, [manRow(), womanRow()]);

    await expectRejected(
      birth({ husband: man!, wife: woman! }),
      422,
      'PARENTS_NOT_MARRIED',
      'motherNationalNumber',
    );
  });

  it('father married to another wife', async () => {
    const parents = await marriedCouple(api);
    const [other] = await importPersons(api, [womanRow()]);

    await expectRejected(
      birth({ ...parents, wife: other! }),
      422,
      'PARENTS_NOT_MARRIED',
      'motherNationalNumber',
    );
  });

  describe('parents alive at conception', () => {
    it('father died after the birth', async () => {
      const parents = await marriedCouple(api);

      await api.post('/deaths', { dateOfDeath: '2015-01-01', nationalNumber: parents.husband });

      const { body, status } = await api.post<BirthResult>('/births', birth(parents));

      expect(status).toBe(201);
      expect(body.familyId).toBe(parents.familyId);
    });

    it('posthumous birth on day 365', async () => {
      const parents = await marriedCouple(api);

      await api.post('/deaths', { dateOfDeath: '2015-01-01', nationalNumber: parents.husband });

      const { body, status } = await api.post<BirthResult>(
        '/births',
        birth(parents, { birthDate: '2016-01-01' }),
      );
      const snapshot = (await outboxEvents<FamilyData>(api.sql, FamilyUpdated.type))
        .filter((event) => event.key === parents.familyId)
        .at(-1);

      expect(status).toBe(201);
      expect(snapshot?.payload.reason).toBe('birth');
      expect(snapshot?.payload.members.map((member) => [member.role, member.alive])).toEqual([
        ['head', false],
        ['wife', true],
        ['child', true],
      ]);
      expect(body.nationalNumber).toBe(snapshot?.payload.members[2]?.nationalNumber);
    });

    it('birth on day 366 after father died', async () => {
      const parents = await marriedCouple(api);

      await api.post('/deaths', { dateOfDeath: '2015-01-01', nationalNumber: parents.husband });
      await expectRejected(
        birth(parents, { birthDate: '2016-01-02' }),
        422,
        'FATHER_DIED_BEFORE_CONCEPTION',
        'birthDate',
      );
    });

    it('mother died before the birth', async () => {
      const parents = await marriedCouple(api);

      await api.post('/deaths', { dateOfDeath: '2010-01-01', nationalNumber: parents.wife });
      await expectRejected(
        birth(parents, { birthDate: '2010-01-02' }),
        422,
        'MOTHER_DIED_BEFORE_BIRTH',
        'birthDate',
      );
    });

    it('mother died on the birth date', async () => {
      const parents = await marriedCouple(api);

      await api.post('/deaths', { dateOfDeath: '2010-01-01', nationalNumber: parents.wife });

      const { status } = await api.post('/births', birth(parents, { birthDate: '2010-01-01' }));

      expect(status).toBe(201);
    });

    it('import row after the father died', async () => {
      const [father, mother] = await importPersons(api, [manRow(), womanRow()]);

      await api.post('/deaths', { dateOfDeath: '2001-01-01', nationalNumber: father });

      const { body } = await api.post<ImportResponse>('/persons/import', [
        manRow({ birthDate: '2001-12-31', fatherNationalNumber: father }),
        manRow({ birthDate: '2002-01-02', fatherNationalNumber: father }),
        womanRow({ birthDate: '2003-01-01', motherNationalNumber: mother }),
      ]);

      expect(body.persons.map((person) => person.index)).toEqual([0, 2]);
      expect(body.rejected).toEqual([
        expect.objectContaining({
          code: 'FATHER_DIED_BEFORE_CONCEPTION',
          field: 'birthDate',
          index: 1,
        }),
      ]);
    });
  });

  it('unknown mother', async () => {
    const parents = await marriedCouple(api);

    await expectRejected(
      birth({ ...parents, wife: makeNationalNumber(9, 99_999_999) }),
      422,
      'PERSON_NOT_FOUND',
      'motherNationalNumber',
    );
  });

  it('parents swapped', async () => {
    const parents = await marriedCouple(api);

    await expectRejected(
      birth({ husband: parents.wife, wife: parents.husband }),
      422,
      'SEX_MISMATCH',
      'fatherNationalNumber',
    );
  });

  it('born before the marriage', async () => {
    const parents = await marriedCouple(api, '2005-06-01');

    await expectRejected(
      birth(parents, { birthDate: '2005-05-31' }),
      422,
      'BIRTH_BEFORE_MARRIAGE',
      'birthDate',
    );
  });

  it('born in the future', async () => {
    const parents = await marriedCouple(api);

    await expectRejected(
      birth(parents, { birthDate: '2026-07-01' }),
      422,
      'DATE_IN_FUTURE',
      'birthDate',
    );
  });

  it('same child registered twice', async () => {
    const parents = await marriedCouple(api);

    expect((await api.post('/births', birth(parents))).status).toBe(201);
    await expectRejected(birth(parents), 409, 'DUPLICATE_BIRTH', 'givenNameAr');
  });

  it('twins with other names', async () => {
    const parents = await marriedCouple(api);

    expect((await api.post('/births', birth(parents))).status).toBe(201);
    expect((await api.post('/births', birth(parents, { givenNameAr: 'يونس' }))).status).toBe(201);
  });

  it('externalRef makes a retry safe', async () => {
    const parents = await marriedCouple(api);
    const request = birth(parents, { externalRef: `child-${Date.now()}` });
    const first = await api.post<BirthResult>('/births', request);
    const before = await tableCounts(api.sql);
    const again = await api.post<BirthResult>('/births', request);

    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, status: 'existing' });
    expect(await tableCounts(api.sql)).toEqual(before);
  });

  it('externalRef with other facts', async () => {
    const parents = await marriedCouple(api);
    const request = birth(parents, { externalRef: `child-${Date.now()}-b` });

    await api.post('/births', request);
    await expectRejected(
      { ...request, givenNameAr: 'سامر' },
      409,
      'EXTERNAL_REF_CONFLICT',
      'externalRef',
    );
  });

  it('invalid values', async () => {
    const parents = await marriedCouple(api);
    const cases: [Record<string, unknown>, string][] = [
      [{ birthPlace: 'SY999999' }, 'birthPlace'],
      [{ birthDate: '2008-13-01' }, 'birthDate'],
      [{ fatherNationalNumber: '0200000001' }, 'fatherNationalNumber'],
      [{ givenNameAr: '' }, 'givenNameAr'],
      [{ givenNameAr: '   ' }, 'givenNameAr'],
      [{ givenNameAr: 'ـــ' }, 'givenNameAr'],
      [{ givenNameAr: 'ــَـ' }, 'givenNameAr'],
      [{ givenNameAr: '١٢٣' }, 'givenNameAr'],
      [{ givenNameAr: 'سامر١' }, 'givenNameAr'],
      [{ givenNameAr: 'سامر، علي' }, 'givenNameAr'],
      [{ givenNameAr: 'سامر\nعلي' }, 'givenNameAr'],
      [{ sex: 'male' }, 'sex'],
    ];

    for (const [overrides, field] of cases) {
      await expectRejected(birth(parents, overrides), 400, 'VALIDATION_FAILED', field);
    }
  });

  it('name with tatweel and harakat', async () => {
    const parents = await marriedCouple(api);
    const { body, status } = await api.post<BirthResult>(
      '/births',
      birth(parents, { givenNameAr: 'لـيـلَى', sex: 'F' }),
    );

    expect(status).toBe(201);
    expect(body.nationalNumber).toMatch(/^\d{11}$/);
  });

  it('missing mother', async () => {
    const parents = await marriedCouple(api);
    const { motherNationalNumber: _mother, ...request } = birth(parents);

    await expectRejected(request, 400, 'VALIDATION_FAILED', 'motherNationalNumber');
  });

  it('malformed JSON', async () => {
    const { body, status } = await api.postRaw<ErrorBody>('/births', '{');

    expect(status).toBe(400);
    expect(body.error.code).toBe('MALFORMED_JSON');
  });

  describe('batch', () => {
    it('results per item, versions in order', async () => {
      const parents = await marriedCouple(api);
      const before = await tableCounts(api.sql);
      const { body, status } = await api.post<BatchResponse<BirthResult>>('/births/batch', [
        birth(parents, { birthDate: '2007-01-01', givenNameAr: 'سارة', sex: 'F' }),
        birth(parents, { birthDate: '2030-01-01' }),
        birth(parents, { birthDate: '2009-01-01', givenNameAr: 'عمر' }),
        { givenNameAr: 'سامر' },
        birth(parents, { birthDate: '2007-01-01', givenNameAr: 'سارة', sex: 'F' }),
      ]);
      const snapshots = (await outboxEvents<FamilyData>(api.sql, FamilyUpdated.type)).filter(
        (event) => event.key === parents.familyId,
      );
      const after = await tableCounts(api.sql);

      expect(status).toBe(200);
      expect(body.results.map((result) => result.ok)).toEqual([true, false, true, false, false]);
      expect(body.results[1]).toMatchObject({ error: { code: 'DATE_IN_FUTURE', status: 422 } });
      expect(body.results[3]).toMatchObject({ error: { code: 'VALIDATION_FAILED', status: 400 } });
      expect(body.results[4]).toMatchObject({ error: { code: 'DUPLICATE_BIRTH', status: 409 } });
      expect(snapshots.map((event) => event.payload.version)).toEqual([1, 2, 3]);
      expect(snapshots[2]?.payload.members.map((member) => member.role)).toEqual([
        'head',
        'wife',
        'child',
        'child',
      ]);
      expect(after.persons - before.persons).toBe(2);
      expect(after.outboxEvents - before.outboxEvents).toBe(4);
    });

    it('empty batch', async () => {
      const { body, status } = await api.post<ErrorBody>('/births/batch', []);

      expect(status).toBe(400);
      expect(body.error.code).toBe('VALIDATION_FAILED');
    });
  });
});
