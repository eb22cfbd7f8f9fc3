import {
  FamilyUpdated,
  makeNationalNumber,
  PersonCorrected,
  type EventData,
} from '@bitaqa/contracts';
import type { ErrorBody } from '@bitaqa/http';

import type { BirthResult } from '../src/births/dto/birth.dto';
import type { CorrectionResult, CorrectionView } from '../src/corrections/dto/correction.dto';
import type { FamilyView } from '../src/families/family-view';
import type { PersonView } from '../src/persons/dto/person-view.dto';

import { importPersons, manRow, marriedCouple, womanRow } from './support/builders';
import {
  outboxEvents,
  startCivilTestApp,
  tableCounts,
  type CivilTestApp,
} from './support/civil-test-app';

type FamilyData = EventData<typeof FamilyUpdated.type>;
type Corrected = EventData<typeof PersonCorrected.type>;

const COURT = 'محكمة البداية المدنية بحلب';

let decisionNumber = 0;

function decisionOn(date: string): { court: string; date: string; number: string } {
  decisionNumber += 1;

  return { court: COURT, date, number: `${decisionNumber}/${date.slice(0, 4)}` };
}

describe('POST /corrections', () => {
  let api: CivilTestApp;

  beforeAll(async () => {
    api = await startCivilTestApp('corrections');
  });

  afterAll(async () => {
    await api.close();
  });

  const correct = (
    nationalNumber: string,
    changes: Record<string, unknown>,
    decision = decisionOn('2020-03-03'),
  ) =>
    api.post<CorrectionResult & ErrorBody>('/corrections', { changes, decision, nationalNumber });

  async function expectRejected(
    request: () => Promise<{ body: ErrorBody; status: number }>,
    status: number,
    code: string,
    field: string,
  ): Promise<void> {
    const before = await tableCounts(api.sql);
    const { body, status: actual } = await request();

    expect(actual).toBe(status);
    expect(body.error.code).toBe(code);
    expect(body.error.field).toBe(field);
    expect(body.error.hint).toMatch(/\S/);
    expect(await tableCounts(api.sql)).toEqual(before);
  }

  async function childOf(
    parents: { husband: string; wife: string },
    birthDate: string,
  ): Promise<string> {
    const { body, status } = await api.post<BirthResult>('/births', {
      birthDate,
      birthPlace: 'SY020000',
      fatherNationalNumber: parents.husband,
      givenNameAr: 'نور',
      motherNationalNumber: parents.wife,
      sex: 'F',
    });

    if (status !== 201) throw new Error(`birth failed: ${status} ${JSON.stringify(body)}`);

    return body.nationalNumber;
  }

  describe('names', () => {
    it('publishes the corrected record', async () => {
      const [person] = await importPersons(api, [manRow({ givenNameAr: 'محمود' })]);
      const decision = decisionOn('2020-03-03');
      const before = await tableCounts(api.sql);
      const { body, status } = await correct(
        person!,
        { familyNameAr: 'الحلبية', givenNameAr: 'محمد' },
        decision,
      );
      const after = await tableCounts(api.sql);
      const stored = await api.get<PersonView>(`/persons/${person}`);
      const events = (await outboxEvents<Corrected>(api.sql, PersonCorrected.type)).filter(
        (event) => event.key === person,
      );

      expect(status).toBe(201);
      expect(body).toMatchObject({
        changedFields: ['familyNameAr', 'givenNameAr'],
        decision,
        familyIds: [],
        nationalNumber: person,
        previous: { familyNameAr: 'الحلبي', givenNameAr: 'محمود' },
        status: 'created',
      });
      expect(stored.body).toMatchObject({ familyNameAr: 'الحلبية', givenNameAr: 'محمد' });
      expect(events).toHaveLength(1);
      expect(PersonCorrected.schema.safeParse(events[0]?.payload).success).toBe(true);
      expect(events[0]?.payload).toMatchObject({
        birthDate: '1980-03-01',
        changedFields: ['familyNameAr', 'givenNameAr'],
        correctionId: body.correctionId,
        dateOfDeath: null,
        decision,
        effectiveOn: '2020-03-03',
        familyNameAr: 'الحلبية',
        fatherNameAr: 'أحمد',
        givenNameAr: 'محمد',
      });
      expect(after.outboxEvents - before.outboxEvents).toBe(1);
      expect(after.personChanges - before.personChanges).toBe(1);
    });

    it('same decision sent again', async () => {
      const [person] = await importPersons(api, [manRow()]);
      const decision = decisionOn('2020-03-03');
      const first = await correct(person!, { givenNameAr: 'سامي' }, decision);
      const before = await tableCounts(api.sql);
      const again = await correct(person!, { givenNameAr: 'سامي' }, decision);

      expect(again.status).toBe(200);
      expect(again.body).toEqual({ ...first.body, status: 'existing' });
      expect(await tableCounts(api.sql)).toEqual(before);
    });

    it('concurrent repeats apply once', async () => {
      const [person] = await importPersons(api, [manRow()]);
      const decision = decisionOn('2020-03-03');
      const before = await tableCounts(api.sql);
      const answers = await Promise.all([
        correct(person!, { givenNameAr: 'سامي' }, decision),
        correct(person!, { givenNameAr: 'سامي' }, decision),
      ]);
      const after = await tableCounts(api.sql);

      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 201]);
      expect(after.corrections - before.corrections).toBe(1);
      expect(after.outboxEvents - before.outboxEvents).toBe(1);
    });

    it('same decision with other changes', async () => {
      const [person] = await importPersons(api, [manRow()]);
      const decision = decisionOn('2020-03-03');

      await correct(person!, { givenNameAr: 'سامي' }, decision);
      await expectRejected(
        () => correct(person!, { givenNameAr: 'سالم' }, decision),
        409,
        'DECISION_ALREADY_APPLIED',
        'decision.number',
      );
    });

    it('nothing to correct', async () => {
      const [person] = await importPersons(api, [manRow({ givenNameAr: 'محمد' })]);

      await expectRejected(
        () => correct(person!, { givenNameAr: 'محمد' }),
        422,
        'NOTHING_TO_CORRECT',
        'changes',
      );
    });

    it('earlier decision after a later one', async () => {
      const [person] = await importPersons(api, [manRow()]);

      await correct(person!, { motherNameAr: 'هند' }, decisionOn('2020-03-03'));
      await expectRejected(
        () => correct(person!, { motherNameAr: 'هناء' }, decisionOn('2019-01-01')),
        422,
        'LATER_CHANGE_RECORDED',
        'changes.motherNameAr',
      );
    });

    it('decision in the future', async () => {
      const [person] = await importPersons(api, [manRow()]);

      await expectRejected(
        () => correct(person!, { givenNameAr: 'سامي' }, decisionOn('2026-07-01')),
        422,
        'DATE_IN_FUTURE',
        'decision.date',
      );
    });
  });

  describe('birth date', () => {
    it('updates the books that list the person', async () => {
      const parents = await marriedCouple(api, '2005-06-01');
      const child = await childOf(parents, '2008-08-08');
      const { body, status } = await correct(child, { birthDate: '2008-08-01' });
      const snapshot = (await outboxEvents<FamilyData>(api.sql, FamilyUpdated.type))
        .filter((event) => event.key === parents.familyId)
        .at(-1);
      const book = await api.get<FamilyView>(`/families/${parents.familyId}`);

      expect(status).toBe(201);
      expect(body.familyIds).toEqual([parents.familyId]);
      expect(snapshot?.payload).toMatchObject({ reason: 'correction', version: 3 });
      expect(snapshot?.payload.members.at(-1)).toMatchObject({
        birthDate: '2008-08-01',
        nationalNumber: child,
      });
      expect(book.body.members.at(-1)).toMatchObject({
        birthDate: '2008-08-01',
        joinedOn: '2008-08-01',
        nationalNumber: child,
      });
    });

    it('not before a child', async () => {
      const parents = await marriedCouple(api, '2005-06-01', { wife: { birthDate: '1985-07-15' } });

      await childOf(parents, '2008-08-08');
      await expectRejected(
        () => correct(parents.wife, { birthDate: '2008-08-08' }),
        422,
        'BIRTH_AFTER_CHILD',
        'changes.birthDate',
      );
    });

    it('not before a parent', async () => {
      const [father] = await importPersons(api, [manRow({ birthDate: '1950-01-01' })]);
      const [son] = await importPersons(api, [
        manRow({ birthDate: '1980-01-01', fatherNationalNumber: father }),
      ]);

      await expectRejected(
        () => correct(son!, { birthDate: '1949-12-31' }),
        422,
        'BIRTH_BEFORE_PARENT',
        'changes.birthDate',
      );
    });

    it('spouse would be under age', async () => {
      const couple = await marriedCouple(api, '2005-06-01');

      await expectRejected(
        () => correct(couple.wife, { birthDate: '1988-06-02' }),
        422,
        'UNDER_AGE',
        'changes.birthDate',
      );
    });

    it('child born before the parents married', async () => {
      const parents = await marriedCouple(api, '2005-06-01');
      const child = await childOf(parents, '2008-08-08');

      await expectRejected(
        () => correct(child, { birthDate: '2005-05-31' }),
        422,
        'BIRTH_BEFORE_MARRIAGE',
        'changes.birthDate',
      );
    });

    it('posthumous child moved too late', async () => {
      const parents = await marriedCouple(api, '2005-06-01');

      await api.post('/deaths', { dateOfDeath: '2015-01-01', nationalNumber: parents.husband });

      const child = await childOf(parents, '2015-06-01');

      await expectRejected(
        () => correct(child, { birthDate: '2016-01-02' }),
        422,
        'FATHER_DIED_BEFORE_CONCEPTION',
        'changes.birthDate',
      );
    });

    it('in the future', async () => {
      const [person] = await importPersons(api, [manRow()]);

      await expectRejected(
        () => correct(person!, { birthDate: '2026-07-01' }, decisionOn('2026-06-30')),
        422,
        'DATE_IN_FUTURE',
        'changes.birthDate',
      );
    });

    it('after the decision', async () => {
      const [person] = await importPersons(api, [manRow({ birthDate: '2010-01-01' })]);

      await expectRejected(
        () => correct(person!, { birthDate: '2012-01-01' }, decisionOn('2011-01-01')),
        422,
        'DECISION_BEFORE_FACT',
        'decision.date',
      );
    });
  });

  describe('date of death', () => {
    it('moves the end of the widowed marriage', async () => {
      const couple = await marriedCouple(api, '2005-06-01');

      await api.post('/deaths', { dateOfDeath: '2012-01-01', nationalNumber: couple.husband });

      const { body, status } = await correct(couple.husband, { dateOfDeath: '2011-12-01' });
      const wife = await api.get<PersonView>(`/persons/${couple.wife}`);
      const event = (await outboxEvents<Corrected>(api.sql, PersonCorrected.type)).find(
        (entry) => entry.key === couple.husband,
      );

      expect(status).toBe(201);
      expect(body.previous).toEqual({ dateOfDeath: '2012-01-01' });
      expect(wife.body.marriages[0]).toMatchObject({ endedOn: '2011-12-01', status: 'widowed' });
      expect(event?.payload).toMatchObject({
        changedFields: ['dateOfDeath'],
        dateOfDeath: '2011-12-01',
      });
    });

    it('living person', async () => {
      const [person] = await importPersons(api, [manRow()]);

      await expectRejected(
        () => correct(person!, { dateOfDeath: '2019-01-01' }),
        422,
        'PERSON_NOT_DECEASED',
        'changes.dateOfDeath',
      );
    });

    it('before a marriage', async () => {
      const couple = await marriedCouple(api, '2005-06-01');

      await api.post('/deaths', { dateOfDeath: '2012-01-01', nationalNumber: couple.husband });
      await expectRejected(
        () => correct(couple.husband, { dateOfDeath: '2005-05-31' }),
        422,
        'DEATH_BEFORE_RECORDED_EVENT',
        'changes.dateOfDeath',
      );
    });

    it('after the widow remarried', async () => {
      const couple = await marriedCouple(api, '2005-06-01');
      const [second] = await importPersons(api, [manRow()]);

      await api.post('/deaths', { dateOfDeath: '2012-01-01', nationalNumber: couple.husband });
      await api.post('/marriages', {
        date: '2013-01-01',
        husbandNationalNumber: second,
        wifeNationalNumber: couple.wife,
      });
      await expectRejected(
        () => correct(couple.husband, { dateOfDeath: '2013-02-01' }, decisionOn('2014-01-01')),
        422,
        'SPOUSE_REMARRIED_BEFORE_DEATH',
        'changes.dateOfDeath',
      );
    });
  });

  describe('input', () => {
    it('invalid values', async () => {
      const [person] = await importPersons(api, [womanRow()]);
      const valid = { changes: { givenNameAr: 'ليلى' }, decision: decisionOn('2020-01-01') };
      const cases: [Record<string, unknown>, string][] = [
        [{ nationalNumber: '02000000010' }, 'nationalNumber'],
        [{ changes: {} }, 'changes'],
        [{ changes: { sex: 'M' } }, 'changes.sex'],
        [{ changes: { birthPlace: 'SY999999' } }, 'changes.birthPlace'],
        [{ changes: { givenNameAr: 'Layla' } }, 'changes.givenNameAr'],
        [{ changes: { fatherNameAr: 'ـــ' } }, 'changes.fatherNameAr'],
        [{ changes: { familyNameAr: '٣٣' } }, 'changes.familyNameAr'],
        [{ decision: { ...decisionOn('2020-01-01'), court: '' } }, 'decision.court'],
        [{ decision: { court: COURT, number: '1/2020' } }, 'decision.date'],
      ];

      for (const [overrides, field] of cases) {
        await expectRejected(
          () =>
            api.post<ErrorBody>('/corrections', { nationalNumber: person, ...valid, ...overrides }),
          400,
          'VALIDATION_FAILED',
          field,
        );
      }
    });

    it('unknown person', async () => {
      await expectRejected(
        () => correct(makeNationalNumber(14, 99_999_999), { givenNameAr: 'ليلى' }),
        422,
        'PERSON_NOT_FOUND',
        'nationalNumber',
      );
    });
  });

  describe('GET /corrections/:id', () => {
    it('stored correction', async () => {
      const [person] = await importPersons(api, [manRow()]);
      const { body } = await correct(person!, { grandfatherNameAr: 'عمر' });
      const stored = await api.get<CorrectionView>(`/corrections/${body.correctionId}`);

      expect(stored.status).toBe(200);
      expect(stored.body).toEqual({ ...body, familyIds: undefined, status: undefined });
    });

    it('unknown correction', async () => {
      const { body, status } = await api.get<ErrorBody>('/corrections/987654');

      expect(status).toBe(404);
      expect(body.error.code).toBe('CORRECTION_NOT_FOUND');
    expect(body.error.hint).toMatch(/\S/);
    });

    it('bad id', async () => {
      const { body, status } = await api.get<ErrorBody>('/corrections/0');

      expect(status).toBe(400);
      expect(body.error.field).toBe('correctionId');
    });
  });
});
