import {
  FamilyUpdated,
  familyUpdatedData,
  makeNationalNumber,
  type EventData,
} from '@bitaqa/contracts';
import type { ErrorBody } from '@bitaqa/http';

import type { MarriageResult } from '../src/marriages/dto/marriage.dto';
import type { PersonHistory, PersonView } from '../src/persons/dto/person-view.dto';
import type { BatchResponse } from '../src/registry/batch';

import { importPersons, manRow, womanRow } from './support/builders';
import {
  outboxEvents,
  startCivilTestApp,
  tableCounts,
  type CivilTestApp,
} from './support/civil-test-app';

type FamilyData = EventData<typeof FamilyUpdated.type>;

describe('POST /marriages', () => {
  let api: CivilTestApp;

  beforeAll(async () => {
    api = await startCivilTestApp('marriages');
  });

  afterAll(async () => {
    await api.close();
  });

  const marry = (husband: string, wife: string, date = '2010-05-01') =>
    api.post<MarriageResult & ErrorBody>('/marriages', {
      date,
      husbandNationalNumber: husband,
      wifeNationalNumber: wife,
    });

  /** Posts a request that must fail and checks that it wrote nothing, outbox included. */
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

  it('first marriage opens the family book', async () => {
    const [husband, wife] = await importPersons(api, [
      manRow({ registrationGovernorate: 'SY05' }),
      womanRow(),
    ]);
    const { body, status } = await marry(husband!, wife!);
    const events = await outboxEvents<FamilyData>(api.sql, FamilyUpdated.type);
    const event = events.find((entry) => entry.key === body.familyId);

    expect(status).toBe(201);
    expect(body.familyCreated).toBe(true);
    expect(body.familyId).toMatch(/^FAM-SY05-\d{6}$/);
    expect(familyUpdatedData.safeParse(event?.payload).success).toBe(true);
    expect(event?.payload).toMatchObject({
      governorate: 'SY05',
      headNationalNumber: husband,
      reason: 'marriage',
      version: 1,
    });
    expect(event?.payload.members.map((member) => [member.nationalNumber, member.role])).toEqual([
      [husband, 'head'],
      [wife, 'wife'],
    ]);
  });

  it('second wife joins the same book', async () => {
    const [husband, first, second] = await importPersons(api, [manRow(), womanRow(), womanRow()]);
    const opened = await marry(husband!, first!, '2004-01-01');
    const { body, status } = await marry(husband!, second!, '2012-01-01');
    const events = await outboxEvents<FamilyData>(api.sql, FamilyUpdated.type);
    const latest = events.filter((entry) => entry.key === body.familyId).at(-1);

    expect(status).toBe(201);
    expect(body.familyCreated).toBe(false);
    expect(body.familyId).toBe(opened.body.familyId);
    expect(latest?.payload.version).toBe(2);
    expect(latest?.payload.members.map((member) => member.role)).toEqual(['head', 'wife', 'wife']);
  });

  it('fifth wife', async () => {
    const [husband, ...wives] = await importPersons(api, [
      manRow(),
      womanRow(),
      womanRow(),
      womanRow(),
      womanRow(),
      womanRow(),
    ]);

    for (const wife of wives.slice(0, 4)) expect((await marry(husband!, wife)).status).toBe(201);

    await expectRejected(
      () => marry(husband!, wives[4]!),
      422,
      'TOO_MANY_WIVES',
      'husbandNationalNumber',
    );
  });

  it('wife already married', async () => {
    const [first, second, wife] = await importPersons(api, [manRow(), manRow(), womanRow()]);

    await marry(first!, wife!);
    await expectRejected(
      () => marry(second!, wife!),
      422,
      'WIFE_ALREADY_MARRIED',
      'wifeNationalNumber',
    );
  });

  it('same marriage sent again', async () => {
    const [husband, wife] = await importPersons(api, [manRow(), womanRow()]);
    const first = await marry(husband!, wife!);
    const before = await tableCounts(api.sql);
    const again = await marry(husband!, wife!);

    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, familyCreated: false, status: 'existing' });
    expect(await tableCounts(api.sql)).toEqual(before);
  });

  it('under 18 on the marriage date', async () => {
    const [husband, wife] = await importPersons(api, [
      manRow(),
      womanRow({ birthDate: '1992-05-02' }),
    ]);

    await expectRejected(
      () => marry(husband!, wife!, '2010-05-01'),
      422,
      'UNDER_AGE',
      'wifeNationalNumber',
    );
    expect((await marry(husband!, wife!, '2010-05-02')).status).toBe(201);
  });

  describe('court decision for a spouse under 18', () => {
    const decision = { court: 'المحكمة الشرعية بدرعا', date: '2010-04-01', number: '15/2010' };

    const marryWith = (
      husband: string,
      wife: string,
      courtDecision: unknown,
      date = '2010-05-01',
    ) =>
      api.post<MarriageResult & ErrorBody>('/marriages', {
        courtDecision,
        date,
        husbandNationalNumber: husband,
        wifeNationalNumber: wife,
      });

    it('17 with a decision', async () => {
      const [husband, wife] = await importPersons(api, [
        manRow(),
        womanRow({ birthDate: '1993-01-01' }),
      ]);
      const { body, status } = await marryWith(husband!, wife!, decision);
      const person = await api.get<PersonView>(`/persons/${wife}`);
      const history = await api.get<PersonHistory>(`/persons/${wife}/history`);

      expect(status).toBe(201);
      expect(person.body.marriages).toEqual([
        expect.objectContaining({ courtDecision: decision, marriageId: body.marriageId }),
      ]);
      expect(history.body.changes.at(-1)).toMatchObject({ decision, kind: 'marriage' });
    });

    it('15 without a decision', async () => {
      const [husband, wife] = await importPersons(api, [
        manRow(),
        womanRow({ birthDate: '1995-01-01' }),
      ]);
      const before = await tableCounts(api.sql);
      const { body, status } = await marry(husband!, wife!);

      expect(status).toBe(422);
      expect(body.error).toMatchObject({ code: 'UNDER_AGE', field: 'wifeNationalNumber' });
      expect(body.error.hint).toMatch(/courtDecision/);
      expect(await tableCounts(api.sql)).toEqual(before);
    });

    it('under 15 even with a decision', async () => {
      const [husband, wife] = await importPersons(api, [
        manRow(),
        womanRow({ birthDate: '1995-05-02' }),
      ]);

      await expectRejected(
        () => marryWith(husband!, wife!, decision),
        422,
        'UNDER_MINIMUM_AGE',
        'wifeNationalNumber',
      );
    });

    it('husband under 18', async () => {
      const [husband, wife] = await importPersons(api, [
        manRow({ birthDate: '1994-01-01' }),
        womanRow(),
      ]);

      await expectRejected(() => marry(husband!, wife!), 422, 'UNDER_AGE', 'husbandNationalNumber');
      expect((await marryWith(husband!, wife!, decision)).status).toBe(201);
    });

    it('decision after the marriage', async () => {
      const [husband, wife] = await importPersons(api, [
        manRow(),
        womanRow({ birthDate: '1993-01-01' }),
      ]);

      await expectRejected(
        () => marryWith(husband!, wife!, { ...decision, date: '2010-05-02' }),
        422,
        'DECISION_AFTER_MARRIAGE',
        'courtDecision.date',
      );
    });

    it('decision for two adults', async () => {
      const [husband, wife] = await importPersons(api, [manRow(), womanRow()]);

      await expectRejected(
        () => marryWith(husband!, wife!, decision),
        422,
        'COURT_DECISION_NOT_NEEDED',
        'courtDecision',
      );
    });

    it('invalid decision', async () => {
      const [husband, wife] = await importPersons(api, [manRow(), womanRow()]);

      await expectRejected(
        () => marryWith(husband!, wife!, { ...decision, number: 'رقم ١٥' }),
        400,
        'VALIDATION_FAILED',
        'courtDecision.number',
      );
    });
  });

  it('sexes swapped', async () => {
    const [man, woman] = await importPersons(api, [manRow(), womanRow()]);

    await expectRejected(() => marry(woman!, man!), 422, 'SEX_MISMATCH', 'husbandNationalNumber');
  });

  it('same person twice', async () => {
    const [man] = await importPersons(api, [manRow()]);

    await expectRejected(() => marry(man!, man!), 422, 'SAME_PERSON', 'wifeNationalNumber');
  });

  it('unknown person', async () => {
    const [man] = await importPersons(api, [manRow()]);

    await expectRejected(
      () => marry(man!, makeNationalNumber(14, 99_999_999)),
      422,
      'PERSON_NOT_FOUND',
      'wifeNationalNumber',
    );
  });

  it('deceased spouse', async () => {
    const [man, woman] = await importPersons(api, [manRow(), womanRow()]);

    await api.post('/deaths', { dateOfDeath: '2015-01-01', nationalNumber: man });
    await expectRejected(
      () => marry(man!, woman!),
      422,
      'PERSON_DECEASED',
      'husbandNationalNumber',
    );
  });

  it('father and daughter', async () => {
    const [father, mother] = await importPersons(api, [
      manRow({ birthDate: '1950-01-01' }),
      womanRow({ birthDate: '1952-01-01' }),
    ]);

    await marry(father!, mother!, '1975-01-01');

    const [daughter] = await importPersons(api, [
      womanRow({ birthDate: '1980-01-01', fatherNationalNumber: father }),
    ]);

    await expectRejected(
      () => marry(father!, daughter!),
      422,
      'CLOSE_RELATIVES',
      'wifeNationalNumber',
    );
  });

  it('date in the future', async () => {
    const [man, woman] = await importPersons(api, [manRow(), womanRow()]);

    await expectRejected(() => marry(man!, woman!, '2026-07-01'), 422, 'DATE_IN_FUTURE', 'date');
  });

  it('bad check digit', async () => {
    const [man] = await importPersons(api, [manRow()]);
    const before = await tableCounts(api.sql);
    const { body, status } = await marry(man!, '02000000015');

    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.field).toBe('wifeNationalNumber');
    expect(body.error.value).toBe('02000000015');
    expect(await tableCounts(api.sql)).toEqual(before);
  });

  it('missing field', async () => {
    const { body, status } = await api.post<ErrorBody>('/marriages', { date: '2010-01-01' });

    expect(status).toBe(400);
    expect(body.error.field).toBe('husbandNationalNumber');
  });

  it('malformed JSON', async () => {
    const { body, status } = await api.postRaw<ErrorBody>('/marriages', '{"date":');

    expect(status).toBe(400);
    expect(body.error.code).toBe('MALFORMED_JSON');
  });

  it('widow remarries into a new book', async () => {
    const [first, second, wife] = await importPersons(api, [manRow(), manRow(), womanRow()]);
    const firstFamily = (await marry(first!, wife!, '2005-01-01')).body.familyId;

    await api.post('/deaths', { dateOfDeath: '2012-01-01', nationalNumber: first });

    const { body, status } = await marry(second!, wife!, '2014-01-01');
    const oldBook = await api.get<{ formerMembers: { nationalNumber: string }[] }>(
      `/families/${firstFamily}`,
    );

    expect(status).toBe(201);
    expect(body.familyId).not.toBe(firstFamily);
    expect(oldBook.body.formerMembers.map((member) => member.nationalNumber)).toEqual([wife]);
  });

  describe('batch', () => {
    it('results per item', async () => {
      const [husband, first, second, other] = await importPersons(api, [
        manRow(),
        womanRow(),
        womanRow(),
        manRow(),
      ]);
      const before = await tableCounts(api.sql);
      const { body, status } = await api.post<BatchResponse<MarriageResult>>('/marriages/batch', [
        { date: '2006-01-01', husbandNationalNumber: husband, wifeNationalNumber: first },
        { date: '2009-01-01', husbandNationalNumber: husband, wifeNationalNumber: second },
        { date: '2009-01-01', husbandNationalNumber: other, wifeNationalNumber: first },
        { date: '2009-01-01', husbandNationalNumber: other },
      ]);
      const [opened, joined, taken, invalid] = body.results;

      expect(status).toBe(200);
      expect(body.accepted).toBe(2);
      expect(body.rejected).toBe(2);
      expect(opened).toMatchObject({ familyCreated: true, index: 0, ok: true });
      expect(joined).toMatchObject({ familyCreated: false, index: 1, ok: true });
      expect(joined).toMatchObject({ familyId: (opened as MarriageResult).familyId });
      expect(taken).toMatchObject({
        error: { code: 'WIFE_ALREADY_MARRIED', field: 'wifeNationalNumber', status: 422 },
        index: 2,
        ok: false,
      });
      expect(invalid).toMatchObject({
        error: { code: 'VALIDATION_FAILED', field: 'wifeNationalNumber', status: 400 },
        index: 3,
        ok: false,
      });

      const after = await tableCounts(api.sql);

      expect(after.marriages - before.marriages).toBe(2);
      expect(after.families - before.families).toBe(1);
      expect(after.outboxEvents - before.outboxEvents).toBe(2);
    });

    it('more than 1000 items', async () => {
      const items = Array.from({ length: 1001 }, () => ({}));
      const { body, status } = await api.post<ErrorBody>('/marriages/batch', items);

      expect(status).toBe(400);
      expect(body.error.code).toBe('VALIDATION_FAILED');
    });

    it('five wives in one batch', async () => {
      const [husband, ...wives] = await importPersons(api, [
        manRow(),
        womanRow(),
        womanRow(),
        womanRow(),
        womanRow(),
        womanRow(),
      ]);
      const { body } = await api.post<BatchResponse<MarriageResult>>(
        '/marriages/batch',
        wives.map((wife) => ({
          date: '2010-01-01',
          husbandNationalNumber: husband,
          wifeNationalNumber: wife,
        })),
      );

      expect(body.results.map((result) => result.ok)).toEqual([true, true, true, true, false]);
      expect(body.results[4]).toMatchObject({ error: { code: 'TOO_MANY_WIVES' } });
    });

    it('concurrent batches keep the limit', async () => {
      const [husband, ...wives] = await importPersons(api, [
        manRow(),
        ...Array.from({ length: 6 }, () => womanRow()),
      ]);
      const batch = (list: string[]) =>
        api.post<BatchResponse<MarriageResult>>(
          '/marriages/batch',
          list.map((wife) => ({
            date: '2010-01-01',
            husbandNationalNumber: husband,
            wifeNationalNumber: wife,
          })),
        );
      const answers = await Promise.all([batch(wives.slice(0, 3)), batch(wives.slice(3))]);
      const active = await api.sql.query(
        `SELECT count(*)::int AS count FROM marriages
         WHERE husband_national_number = $1 AND status = 'active'`,
        [husband],
      );

      expect(answers[0]!.body.accepted + answers[1]!.body.accepted).toBe(4);
      expect(active.rows[0].count).toBe(4);
    });
  });
});
