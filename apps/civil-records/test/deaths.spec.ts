import { FamilyUpdated, makeNationalNumber, PersonDied, type EventData } from '@bitaqa/contracts';
import type { ErrorBody } from '@bitaqa/http';

import type { BirthResult } from '../src/births/dto/birth.dto';
import type { DeathResult } from '../src/deaths/dto/death.dto';
import type { PersonHistory, PersonView } from '../src/persons/dto/person-view.dto';
import type { BatchResponse } from '../src/registry/batch';

import { importPersons, manRow, marriedCouple, womanRow } from './support/builders';
import {
  outboxEvents,
  startCivilTestApp,
  tableCounts,
  type CivilTestApp,
} from './support/civil-test-app';

type FamilyData = EventData<typeof FamilyUpdated.type>;
type Died = EventData<typeof PersonDied.type>;

describe('POST /deaths', () => {
  let api: CivilTestApp;

  beforeAll(async () => {
    api = await startCivilTestApp('deaths');
  });

  afterAll(async () => {
    await api.close();
  });

  async function expectRejected(
    body: unknown,
    status: number,
    code: string,
    field: string,
  ): Promise<void> {
    const before = await tableCounts(api.sql);
    const answer = await api.post<ErrorBody>('/deaths', body);

    expect(answer.status).toBe(status);
    expect(answer.body.error.code).toBe(code);
    expect(answer.body.error.field).toBe(field);
    expect(answer.body.error.hint).toMatch(/\S/);
    expect(await tableCounts(api.sql)).toEqual(before);
  }

  /** Registers a married couple and their son, a child in their family book. */
  async function bornSon(): Promise<{ parentsFamily: string; son: string }> {
    const parents = await marriedCouple(api, '1975-01-01', {
      husband: { birthDate: '1950-01-01' },
      wife: { birthDate: '1952-01-01' },
    });
    const { body: son } = await api.post<BirthResult>('/births', {
      birthDate: '1976-05-05',
      birthPlace: 'SY020000',
      fatherNationalNumber: parents.husband,
      givenNameAr: 'سامي',
      motherNationalNumber: parents.wife,
      sex: 'M',
    });

    return { parentsFamily: parents.familyId, son: son.nationalNumber };
  }

  it('head of a family', async () => {
    const parents = await marriedCouple(api);
    const { body, status } = await api.post<DeathResult>('/deaths', {
      dateOfDeath: '2020-02-02',
      nationalNumber: parents.husband,
    });
    const died = (await outboxEvents<Died>(api.sql, PersonDied.type)).filter(
      (event) => event.key === parents.husband,
    );
    const snapshot = (await outboxEvents<FamilyData>(api.sql, FamilyUpdated.type))
      .filter((event) => event.key === parents.familyId)
      .at(-1);
    const person = await api.get<PersonView>(`/persons/${parents.husband}`);

    expect(status).toBe(201);
    expect(body).toEqual({
      dateOfDeath: '2020-02-02',
      familyIds: [parents.familyId],
      nationalNumber: parents.husband,
      status: 'created',
    });
    expect(died.map((event) => event.payload)).toEqual([
      { dateOfDeath: '2020-02-02', nationalNumber: parents.husband },
    ]);
    expect(snapshot?.payload).toMatchObject({ reason: 'death', version: 2 });
    expect(snapshot?.payload.members.map((member) => [member.role, member.alive])).toEqual([
      ['head', false],
      ['wife', true],
    ]);
    expect(person.body.alive).toBe(false);
    expect(person.body.marriages[0]).toMatchObject({ endedOn: '2020-02-02', status: 'widowed' });
  });

  it('married son leaves the parents book', async () => {
    const { parentsFamily, son } = await bornSon();
    const [wife] = await importPersons(api, [womanRow({ birthDate: '1978-01-01' })]);
    const married = await api.post<{ familyId: string }>('/marriages', {
      date: '2000-01-01',
      husbandNationalNumber: son,
      wifeNationalNumber: wife,
    });
    const { body } = await api.post<DeathResult>('/deaths', {
      dateOfDeath: '2021-01-01',
      nationalNumber: son,
    });

    expect(married.status).toBe(201);
    expect(body.familyIds).toEqual([married.body.familyId]);

    const parentsBook = await api.get<{ formerMembers: { nationalNumber: string }[] }>(
      `/families/${parentsFamily}`,
    );

    expect(parentsBook.body.formerMembers.map((member) => member.nationalNumber)).toEqual([son]);
  });

  it('child in the parents book', async () => {
    const { parentsFamily, son } = await bornSon();
    const { body } = await api.post<DeathResult>('/deaths', {
      dateOfDeath: '1990-01-01',
      nationalNumber: son,
    });
    const snapshot = (await outboxEvents<FamilyData>(api.sql, FamilyUpdated.type))
      .filter((event) => event.key === parentsFamily)
      .at(-1);

    expect(body.familyIds).toEqual([parentsFamily]);
    expect(snapshot?.payload.members.find((member) => member.nationalNumber === son)?.alive).toBe(
      false,
    );
  });

  it('person without a family', async () => {
    const [single] = await importPersons(api, [manRow()]);
    const before = await tableCounts(api.sql);
    const { body, status } = await api.post<DeathResult>('/deaths', {
      dateOfDeath: '2019-01-01',
      nationalNumber: single,
    });
    const after = await tableCounts(api.sql);

    expect(status).toBe(201);
    expect(body.familyIds).toEqual([]);
    expect(after.outboxEvents - before.outboxEvents).toBe(1);
    expect(after.personsDeceased - before.personsDeceased).toBe(1);
  });

  it('second death on another date', async () => {
    const [person] = await importPersons(api, [manRow()]);

    await api.post('/deaths', { dateOfDeath: '2019-01-01', nationalNumber: person });
    await expectRejected(
      { dateOfDeath: '2019-01-02', nationalNumber: person },
      422,
      'PERSON_ALREADY_DECEASED',
      'nationalNumber',
    );
  });

  it('same death sent again', async () => {
    const [person] = await importPersons(api, [manRow()]);

    await api.post('/deaths', { dateOfDeath: '2019-01-01', nationalNumber: person });

    const before = await tableCounts(api.sql);
    const { body, status } = await api.post<DeathResult>('/deaths', {
      dateOfDeath: '2019-01-01',
      nationalNumber: person,
    });

    expect(status).toBe(200);
    expect(body.status).toBe('existing');
    expect(await tableCounts(api.sql)).toEqual(before);
  });

  it('before birth', async () => {
    const [person] = await importPersons(api, [manRow({ birthDate: '1980-03-01' })]);

    await expectRejected(
      { dateOfDeath: '1980-02-29', nationalNumber: person },
      422,
      'DEATH_BEFORE_BIRTH',
      'dateOfDeath',
    );
  });

  describe('after recorded events', () => {
    it('before a marriage', async () => {
      const couple = await marriedCouple(api, '2005-06-01');

      await expectRejected(
        { dateOfDeath: '2005-05-31', nationalNumber: couple.wife },
        422,
        'DEATH_BEFORE_RECORDED_EVENT',
        'dateOfDeath',
      );
    });

    it('mother before a birth', async () => {
      const { son } = await bornSon();
      const mother = await api.get<PersonView>(`/persons/${son}`);

      await expectRejected(
        { dateOfDeath: '1976-05-04', nationalNumber: mother.body.motherNationalNumber },
        422,
        'DEATH_BEFORE_RECORDED_EVENT',
        'dateOfDeath',
      );
    });

    it('father within 365 days before a birth', async () => {
      const { son } = await bornSon();
      const father = (await api.get<PersonView>(`/persons/${son}`)).body.fatherNationalNumber;
      const { status } = await api.post('/deaths', {
        dateOfDeath: '1975-05-06',
        nationalNumber: father,
      });

      expect(status).toBe(201);
    });

    it('father long before a birth', async () => {
      const { son } = await bornSon();
      const father = (await api.get<PersonView>(`/persons/${son}`)).body.fatherNationalNumber;

      await expectRejected(
        { dateOfDeath: '1975-05-05', nationalNumber: father },
        422,
        'DEATH_BEFORE_RECORDED_EVENT',
        'dateOfDeath',
      );
    });
  });

  it('journals the widowed spouse', async () => {
    const couple = await marriedCouple(api);

    await api.post('/deaths', { dateOfDeath: '2020-02-02', nationalNumber: couple.husband });

    const widow = await api.get<PersonHistory>(`/persons/${couple.wife}/history`);
    const deceased = await api.get<PersonHistory>(`/persons/${couple.husband}/history`);

    expect(widow.body.changes.at(-1)).toMatchObject({
      details: { familyId: couple.familyId, spouseNationalNumber: couple.husband },
      effectiveOn: '2020-02-02',
      kind: 'widowed',
    });
    expect(deceased.body.changes.map((change) => change.kind)).toEqual([
      'import',
      'marriage',
      'death',
    ]);
  });

  it('both spouses in one batch', async () => {
    const couple = await marriedCouple(api);
    const { body } = await api.post<BatchResponse<DeathResult>>('/deaths/batch', [
      { dateOfDeath: '2021-01-01', nationalNumber: couple.wife },
      { dateOfDeath: '2020-01-01', nationalNumber: couple.husband },
    ]);
    const wife = await api.get<PersonView>(`/persons/${couple.wife}`);
    const husbandHistory = await api.get<PersonHistory>(`/persons/${couple.husband}/history`);
    const wifeHistory = await api.get<PersonHistory>(`/persons/${couple.wife}/history`);

    expect(body.accepted).toBe(2);
    expect(wife.body.marriages[0]).toMatchObject({ endedOn: '2020-01-01', status: 'widowed' });
    expect(husbandHistory.body.changes.map((change) => change.kind)).toEqual([
      'import',
      'marriage',
      'death',
    ]);
    expect(wifeHistory.body.changes.map((change) => [change.kind, change.effectiveOn])).toEqual([
      ['import', '1985-07-15'],
      ['marriage', '2005-06-01'],
      ['widowed', '2020-01-01'],
      ['death', '2021-01-01'],
    ]);
  });

  it('in the future', async () => {
    const [person] = await importPersons(api, [manRow()]);

    await expectRejected(
      { dateOfDeath: '2026-07-01', nationalNumber: person },
      422,
      'DATE_IN_FUTURE',
      'dateOfDeath',
    );
  });

  it('unknown person', async () => {
    await expectRejected(
      { dateOfDeath: '2020-01-01', nationalNumber: makeNationalNumber(12, 99_999_999) },
      422,
      'PERSON_NOT_FOUND',
      'nationalNumber',
    );
  });

  it('bad check digit', async () => {
    await expectRejected(
      { dateOfDeath: '2020-01-01', nationalNumber: '12999999990' },
      400,
      'VALIDATION_FAILED',
      'nationalNumber',
    );
  });

  it('malformed JSON', async () => {
    const { body, status } = await api.postRaw<ErrorBody>('/deaths', 'null,');

    expect(status).toBe(400);
    expect(body.error.code).toBe('MALFORMED_JSON');
  });

  it('batch results per item', async () => {
    const [first, second] = await importPersons(api, [manRow(), manRow()]);
    const { body } = await api.post<BatchResponse<DeathResult>>('/deaths/batch', [
      { dateOfDeath: '2020-01-01', nationalNumber: first },
      { dateOfDeath: '2020-01-01', nationalNumber: first },
      { dateOfDeath: '2020-01-05', nationalNumber: first },
      { dateOfDeath: '1900-01-01', nationalNumber: second },
    ]);

    expect(body.results.map((result) => result.ok)).toEqual([true, true, false, false]);
    expect(body.results[1]).toMatchObject({ status: 'existing' });
    expect(body.results[2]).toMatchObject({ error: { code: 'PERSON_ALREADY_DECEASED' } });
    expect(body.results[3]).toMatchObject({ error: { code: 'DEATH_BEFORE_BIRTH' } });
  });
});
