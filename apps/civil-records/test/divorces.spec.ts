import { FamilyUpdated, type EventData } from '@bitaqa/contracts';
import type { ErrorBody } from '@bitaqa/http';

import type { BirthResult } from '../src/births/dto/birth.dto';
import type { DivorceResult, DivorceView } from '../src/divorces/dto/divorce.dto';
import type { FamilyView } from '../src/families/family-view';
import type { MarriageResult } from '../src/marriages/dto/marriage.dto';
import type { PersonView } from '../src/persons/dto/person-view.dto';

import { importPersons, manRow, marriedCouple, womanRow } from './support/builders';
import {
  outboxEvents,
  startCivilTestApp,
  tableCounts,
  type CivilTestApp,
} from './support/civil-test-app';

type FamilyData = EventData<typeof FamilyUpdated.type>;
type Couple = { familyId: string; husband: string; wife: string };

const COURT = 'المحكمة الشرعية الأولى بدمشق';

let caseNumber = 0;

function courtCase(date: string): { court: string; date: string; number: string } {
  caseNumber += 1;

  return { court: COURT, date, number: `${caseNumber}/${date.slice(0, 4)}` };
}

describe('divorces', () => {
  let api: CivilTestApp;

  beforeAll(async () => {
    api = await startCivilTestApp('divorces');
  });

  afterAll(async () => {
    await api.close();
  });

  const file = (couple: Couple, filing = courtCase('2015-03-01')) =>
    api.post<DivorceResult & ErrorBody>('/divorces', {
      filing,
      husbandNationalNumber: couple.husband,
      wifeNationalNumber: couple.wife,
    });

  const finalize = (divorceId: string, decision = courtCase('2015-09-01')) =>
    api.post<DivorceResult & ErrorBody>(`/divorces/${divorceId}/finalize`, { decision });

  const withdraw = (divorceId: string, withdrawnOn = '2015-06-01') =>
    api.post<DivorceResult & ErrorBody>(`/divorces/${divorceId}/withdraw`, { withdrawnOn });

  const marry = (couple: Couple, date: string) =>
    api.post<MarriageResult & ErrorBody>('/marriages', {
      date,
      husbandNationalNumber: couple.husband,
      wifeNationalNumber: couple.wife,
    });

  async function pendingDivorce(couple?: Couple): Promise<{ couple: Couple; divorceId: string }> {
    const married = couple ?? (await marriedCouple(api));
    const { body, status } = await file(married);

    if (status !== 201) throw new Error(`filing failed: ${status} ${JSON.stringify(body)}`);

    return { couple: married, divorceId: body.divorceId };
  }

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

  describe('filing', () => {
    it('opens a pending divorce', async () => {
      const couple = await marriedCouple(api);
      const filing = courtCase('2015-03-01');
      const before = await tableCounts(api.sql);
      const { body, status } = await file(couple, filing);
      const stored = await api.get<DivorceView>(`/divorces/${body.divorceId}`);
      const after = await tableCounts(api.sql);

      expect(status).toBe(201);
      expect(body).toMatchObject({
        decision: null,
        familyId: couple.familyId,
        filing,
        husbandNationalNumber: couple.husband,
        outcome: 'applied',
        status: 'pending',
        wifeNationalNumber: couple.wife,
      });
      expect(stored.body).toEqual({ ...body, familyIds: undefined, outcome: undefined });
      expect(after.outboxEvents).toBe(before.outboxEvents);
      expect(after.personChanges - before.personChanges).toBe(2);
    });

    it('same case sent again', async () => {
      const couple = await marriedCouple(api);
      const filing = courtCase('2015-03-01');
      const first = await file(couple, filing);
      const before = await tableCounts(api.sql);
      const again = await file(couple, filing);

      expect(again.status).toBe(200);
      expect(again.body).toEqual({ ...first.body, outcome: 'existing' });
      expect(await tableCounts(api.sql)).toEqual(before);
    });

    it('concurrent filings of one case', async () => {
      const couple = await marriedCouple(api);
      const filing = courtCase('2015-03-01');
      const answers = await Promise.all([file(couple, filing), file(couple, filing)]);
      const stored = await api.sql.query(
        'SELECT count(*)::int AS count FROM divorces WHERE wife_national_number = $1',
        [couple.wife],
      );

      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 201]);
      expect(stored.rows[0].count).toBe(1);
    });

    it('same case with another date', async () => {
      const couple = await marriedCouple(api);
      const filing = courtCase('2015-03-01');

      await file(couple, filing);
      await expectRejected(
        () => file(couple, { ...filing, date: '2015-03-02' }),
        409,
        'DIVORCE_FILING_CONFLICT',
        'filing.date',
      );
    });

    it('second case while one is pending', async () => {
      const { couple } = await pendingDivorce();

      await expectRejected(() => file(couple), 409, 'DIVORCE_ALREADY_PENDING', 'filing');
    });

    it('couple not married', async () => {
      const [husband, wife] = await importPersons(api, [manRow(), womanRow()]);

      await expectRejected(
        () => file({ familyId: '', husband: husband!, wife: wife! }),
        422,
        'NOT_MARRIED',
        'wifeNationalNumber',
      );
    });

    it('filed before the marriage', async () => {
      const couple = await marriedCouple(api, '2005-06-01');

      await expectRejected(
        () => file(couple, courtCase('2005-05-31')),
        422,
        'FILED_BEFORE_MARRIAGE',
        'filing.date',
      );
    });

    it('filed in the future', async () => {
      const couple = await marriedCouple(api);

      await expectRejected(
        () => file(couple, courtCase('2026-07-01')),
        422,
        'DATE_IN_FUTURE',
        'filing.date',
      );
    });

    it('invalid input', async () => {
      const couple = await marriedCouple(api);
      const cases: [Record<string, unknown>, string][] = [
        [{ husbandNationalNumber: '02000000010' }, 'husbandNationalNumber'],
        [{ filing: { ...courtCase('2015-01-01'), number: '' } }, 'filing.number'],
        [{ filing: { ...courtCase('2015-01-01'), date: '2015-02-30' } }, 'filing.date'],
        [{ filing: { court: COURT, date: '2015-01-01' } }, 'filing.number'],
        [{ extra: true }, 'extra'],
      ];

      for (const [overrides, field] of cases) {
        await expectRejected(
          () =>
            api.post<ErrorBody>('/divorces', {
              filing: courtCase('2015-01-01'),
              husbandNationalNumber: couple.husband,
              wifeNationalNumber: couple.wife,
              ...overrides,
            }),
          400,
          'VALIDATION_FAILED',
          field,
        );
      }
    });
  });

  describe('final divorce', () => {
    it('ends the marriage and leaves the children', async () => {
      const couple = await marriedCouple(api, '2005-06-01');
      const { body: child } = await api.post<BirthResult>('/births', {
        birthDate: '2007-02-02',
        birthPlace: 'SY020000',
        fatherNationalNumber: couple.husband,
        givenNameAr: 'سلمى',
        motherNationalNumber: couple.wife,
        sex: 'F',
      });
      const { divorceId } = await pendingDivorce(couple);
      const { body, status } = await finalize(divorceId, courtCase('2015-09-01'));
      const book = await api.get<FamilyView>(`/families/${couple.familyId}`);
      const wife = await api.get<PersonView>(`/persons/${couple.wife}`);
      const snapshot = (await outboxEvents<FamilyData>(api.sql, FamilyUpdated.type))
        .filter((event) => event.key === couple.familyId)
        .at(-1);

      expect(status).toBe(200);
      expect(body).toMatchObject({
        familyIds: [couple.familyId],
        outcome: 'applied',
        status: 'final',
      });
      expect(wife.body.marriages).toEqual([
        expect.objectContaining({ endedOn: '2015-09-01', status: 'divorced' }),
      ]);
      expect(book.body.members.map((member) => member.nationalNumber)).toEqual([
        couple.husband,
        child.nationalNumber,
      ]);
      expect(book.body.formerMembers).toEqual([
        expect.objectContaining({ leftOn: '2015-09-01', nationalNumber: couple.wife }),
      ]);
      expect(snapshot?.payload).toMatchObject({ reason: 'divorce', version: 3 });
      expect(snapshot?.payload.members.map((member) => member.role)).toEqual(['head', 'child']);
    });

    it('frees a place for another wife', async () => {
      const [husband, ...wives] = await importPersons(api, [
        manRow(),
        ...Array.from({ length: 5 }, () => womanRow()),
      ]);

      for (const wife of wives.slice(0, 4)) {
        expect((await marry({ familyId: '', husband: husband!, wife }, '2010-01-01')).status).toBe(
          201,
        );
      }

      const fifth = { familyId: '', husband: husband!, wife: wives[4]! };

      expect((await marry(fifth, '2016-01-01')).body.error.code).toBe('TOO_MANY_WIVES');

      const { divorceId } = await pendingDivorce({
        familyId: '',
        husband: husband!,
        wife: wives[0]!,
      });

      await finalize(divorceId);
      expect((await marry(fifth, '2016-01-01')).status).toBe(201);
    });

    it('wife returns to her father book', async () => {
      const parents = await marriedCouple(api, '1970-01-01', {
        husband: { birthDate: '1945-01-01' },
        wife: { birthDate: '1950-01-01' },
      });
      const { body: daughter } = await api.post<BirthResult>('/births', {
        birthDate: '1985-05-05',
        birthPlace: 'SY020000',
        fatherNationalNumber: parents.husband,
        givenNameAr: 'هدى',
        motherNationalNumber: parents.wife,
        sex: 'F',
      });
      const [groom] = await importPersons(api, [manRow()]);
      const couple = { familyId: '', husband: groom!, wife: daughter.nationalNumber };
      const married = await marry(couple, '2006-01-01');
      const { divorceId } = await pendingDivorce({ ...couple, familyId: married.body.familyId });
      const { body } = await finalize(divorceId, courtCase('2016-12-12'));
      const parentsBook = await api.get<FamilyView>(`/families/${parents.familyId}`);
      const snapshot = (await outboxEvents<FamilyData>(api.sql, FamilyUpdated.type))
        .filter((event) => event.key === parents.familyId)
        .at(-1);

      expect(body.familyIds.sort()).toEqual([married.body.familyId, parents.familyId].sort());
      expect(parentsBook.body.members).toContainEqual(
        expect.objectContaining({
          joinedOn: '2016-12-12',
          leftOn: null,
          nationalNumber: daughter.nationalNumber,
          role: 'child',
        }),
      );
      expect(parentsBook.body.formerMembers).toContainEqual(
        expect.objectContaining({ leftOn: '2006-01-01', nationalNumber: daughter.nationalNumber }),
      );
      expect(snapshot?.payload.reason).toBe('divorce');
    });

    it('same decision sent again', async () => {
      const { divorceId } = await pendingDivorce();
      const decision = courtCase('2015-09-01');
      const first = await finalize(divorceId, decision);
      const before = await tableCounts(api.sql);
      const again = await finalize(divorceId, decision);

      expect(again.status).toBe(200);
      expect(again.body).toEqual({ ...first.body, familyIds: [], outcome: 'existing' });
      expect(await tableCounts(api.sql)).toEqual(before);
    });

    it('concurrent finalizations apply once', async () => {
      const { couple, divorceId } = await pendingDivorce();
      const decision = courtCase('2015-09-01');
      const before = await tableCounts(api.sql);
      const answers = await Promise.all([
        finalize(divorceId, decision),
        finalize(divorceId, decision),
      ]);
      const after = await tableCounts(api.sql);

      expect(answers.map((answer) => answer.body.outcome).sort()).toEqual(['applied', 'existing']);
      expect(after.outboxEvents - before.outboxEvents).toBe(1);
      expect(after.personChanges - before.personChanges).toBe(2);
      expect((await api.get<FamilyView>(`/families/${couple.familyId}`)).body.version).toBe(2);
    });

    it('another decision after final', async () => {
      const { divorceId } = await pendingDivorce();

      await finalize(divorceId);
      await expectRejected(() => finalize(divorceId), 409, 'DIVORCE_ALREADY_FINAL', 'decision');
    });

    it('decision before the filing', async () => {
      const { divorceId } = await pendingDivorce();

      await expectRejected(
        () => finalize(divorceId, courtCase('2015-02-28')),
        422,
        'DECISION_BEFORE_FILING',
        'decision.date',
      );
    });

    it('decision in the future', async () => {
      const { divorceId } = await pendingDivorce();

      await expectRejected(
        () => finalize(divorceId, courtCase('2026-07-01')),
        422,
        'DATE_IN_FUTURE',
        'decision.date',
      );
    });

    it('unknown divorce', async () => {
      await expectRejected(() => finalize('999999'), 404, 'DIVORCE_NOT_FOUND', 'divorceId');
    });

    it('bad divorce id', async () => {
      await expectRejected(() => finalize('12a'), 400, 'VALIDATION_FAILED', 'divorceId');
    });
  });

  describe('pending divorce', () => {
    it('blocks the couple from marrying again', async () => {
      const { couple, divorceId } = await pendingDivorce();

      await expectRejected(
        () => marry(couple, '2016-01-01'),
        422,
        'DIVORCE_PENDING',
        'wifeNationalNumber',
      );
      await finalize(divorceId, courtCase('2015-09-01'));

      const remarried = await marry(couple, '2016-01-01');
      const book = await api.get<FamilyView>(`/families/${couple.familyId}`);

      expect(remarried.status).toBe(201);
      expect(remarried.body.familyId).toBe(couple.familyId);
      expect(book.body.members.map((member) => member.nationalNumber)).toEqual([
        couple.husband,
        couple.wife,
      ]);
    });

    it('withdrawal keeps the marriage', async () => {
      const { couple, divorceId } = await pendingDivorce();
      const { body, status } = await withdraw(divorceId, '2015-06-01');
      const wife = await api.get<PersonView>(`/persons/${couple.wife}`);

      expect(status).toBe(200);
      expect(body).toMatchObject({
        outcome: 'applied',
        status: 'withdrawn',
        withdrawnOn: '2015-06-01',
      });
      expect(wife.body.marriages).toEqual([
        expect.objectContaining({ endedOn: null, status: 'active' }),
      ]);
      expect((await marry(couple, '2016-01-01')).body.error.code).toBe('WIFE_ALREADY_MARRIED');
      expect((await file(couple, courtCase('2017-01-01'))).status).toBe(201);
    });

    it('withdrawal sent again', async () => {
      const { divorceId } = await pendingDivorce();

      await withdraw(divorceId, '2015-06-01');

      const before = await tableCounts(api.sql);

      expect((await withdraw(divorceId, '2015-06-01')).body.outcome).toBe('existing');
      expect(await tableCounts(api.sql)).toEqual(before);
      await expectRejected(
        () => withdraw(divorceId, '2015-06-02'),
        409,
        'DIVORCE_ALREADY_WITHDRAWN',
        'withdrawnOn',
      );
    });

    it('withdrawn divorce cannot become final', async () => {
      const { divorceId } = await pendingDivorce();

      await withdraw(divorceId);
      await expectRejected(() => finalize(divorceId), 422, 'DIVORCE_NOT_PENDING', 'divorceId');
    });

    it('final divorce cannot be withdrawn', async () => {
      const { divorceId } = await pendingDivorce();

      await finalize(divorceId);
      await expectRejected(() => withdraw(divorceId), 422, 'DIVORCE_NOT_PENDING', 'divorceId');
    });

    it('withdrawn before the filing', async () => {
      const { divorceId } = await pendingDivorce();

      await expectRejected(
        () => withdraw(divorceId, '2015-02-01'),
        422,
        'WITHDRAWN_BEFORE_FILING',
        'withdrawnOn',
      );
    });

    it('lapses when a spouse dies', async () => {
      const { couple, divorceId } = await pendingDivorce();

      await api.post('/deaths', { dateOfDeath: '2015-05-05', nationalNumber: couple.husband });

      const divorce = await api.get<DivorceView>(`/divorces/${divorceId}`);
      const wife = await api.get<PersonView>(`/persons/${couple.wife}`);

      expect(divorce.body).toMatchObject({ lapsedOn: '2015-05-05', status: 'lapsed' });
      expect(wife.body.marriages).toEqual([
        expect.objectContaining({ endedOn: '2015-05-05', status: 'widowed' }),
      ]);
      await expectRejected(() => finalize(divorceId), 422, 'DIVORCE_NOT_PENDING', 'divorceId');
    });
  });

  describe('births after a divorce', () => {
    const birthOf = (couple: Couple, birthDate: string) =>
      api.post<BirthResult & ErrorBody>('/births', {
        birthDate,
        birthPlace: 'SY020000',
        fatherNationalNumber: couple.husband,
        givenNameAr: 'زيد',
        motherNationalNumber: couple.wife,
        sex: 'M',
      });

    it('child within 365 days joins the father book', async () => {
      const { couple, divorceId } = await pendingDivorce();

      await finalize(divorceId, courtCase('2015-09-01'));

      const { body, status } = await birthOf(couple, '2016-08-31');

      expect(status).toBe(201);
      expect(body.familyId).toBe(couple.familyId);
    });

    it('child after 365 days', async () => {
      const { couple, divorceId } = await pendingDivorce();

      await finalize(divorceId, courtCase('2015-09-01'));
      await expectRejected(
        () => birthOf(couple, '2016-09-01'),
        422,
        'BIRTH_AFTER_MARRIAGE_ENDED',
        'birthDate',
      );
    });
  });
});
