import {
  makeNationalNumber,
  PersonRegistered,
  personRegisteredData,
  type EventData,
} from '@bitaqa/contracts';
import type { ErrorBody } from '@bitaqa/http';

import type { ImportResponse } from '../src/persons/dto/import-row.dto';

import { manRow, personRow, womanRow } from './support/builders';
import {
  outboxEvents,
  startCivilTestApp,
  tableCounts,
  type CivilTestApp,
} from './support/civil-test-app';

type Registered = EventData<typeof PersonRegistered.type>;

describe('POST /persons/import', () => {
  let api: CivilTestApp;

  beforeAll(async () => {
    api = await startCivilTestApp('import');
  });

  afterAll(async () => {
    await api.close();
  });

  it('assigns national numbers', async () => {
    const rows = [manRow({ registrationGovernorate: 'SY03' }), womanRow()];
    const { body, status } = await api.post<ImportResponse>('/persons/import', rows);

    expect(status).toBe(200);
    expect(body.created).toBe(2);
    expect(body.rejected).toEqual([]);
    expect(body.persons.map((person) => person.externalRef)).toEqual(
      rows.map((row) => row.externalRef),
    );
    expect(body.persons[0]?.nationalNumber).toMatch(/^03\d{9}$/);
    expect(body.persons[1]?.nationalNumber).toMatch(/^02\d{9}$/);
    expect(body.persons.every((person) => person.status === 'created')).toBe(true);
  });

  it('numbers never reused', async () => {
    const importSy05 = async (count: number) => {
      const rows = Array.from({ length: count }, () => manRow({ registrationGovernorate: 'SY05' }));
      const { body } = await api.post<ImportResponse>('/persons/import', rows);

      return body.persons.map((person) => person.nationalNumber);
    };
    const serial = (nationalNumber: string) => Number(nationalNumber.slice(2, 10));
    const first = await importSy05(2);

    await api.post('/deaths', { dateOfDeath: '2020-01-01', nationalNumber: first[0] });
    await api.post('/corrections', {
      changes: { givenNameAr: 'ماهر' },
      decision: { court: 'محكمة البداية المدنية بحماة', date: '2021-01-01', number: '3/2021' },
      nationalNumber: first[1],
    });
    await api.post('/persons/import', [
      manRow({ birthDate: '2030-01-01', registrationGovernorate: 'SY05' }),
    ]);

    const later = await importSy05(2);
    const stored = await api.sql.query(
      "SELECT count(DISTINCT national_number)::int AS count FROM persons WHERE registration_governorate = 'SY05'",
    );

    expect(new Set([...first, ...later]).size).toBe(4);
    expect(Math.min(...later.map(serial))).toBeGreaterThan(Math.max(...first.map(serial)));
    expect(stored.rows[0].count).toBe(4);
  });

  it('publishes PersonRegistered per person', async () => {
    const row = womanRow({ grandfatherNameAr: null });
    const { body } = await api.post<ImportResponse>('/persons/import', [row]);
    const nationalNumber = body.persons[0]?.nationalNumber;
    const events = await outboxEvents<Registered>(api.sql, PersonRegistered.type);
    const event = events.find((entry) => entry.key === nationalNumber);

    expect(event).toBeDefined();
    expect(personRegisteredData.safeParse(event?.payload).success).toBe(true);
    expect(event?.payload).toMatchObject({
      birthDate: row.birthDate,
      fatherNationalNumber: null,
      givenNameAr: row.givenNameAr,
      grandfatherNameAr: null,
      nationalNumber,
      reason: 'import',
      registrationGovernorate: 'SY02',
      sex: 'F',
    });
  });

  it('rejects bad rows and keeps good ones', async () => {
    const good = manRow();
    const rows = [
      good,
      personRow({ givenNameAr: 'Ali' }),
      personRow({ birthDate: '1990-02-30' }),
      personRow({ birthPlace: 'SY0400' }),
      personRow({ sex: 'X' }),
      personRow({ unexpected: true }),
      'not an object',
      personRow({ familyNameAr: 'ـــ' }),
      personRow({ motherNameAr: '   ' }),
    ];
    const before = await tableCounts(api.sql);
    const { body, status } = await api.post<ImportResponse>('/persons/import', rows);
    const after = await tableCounts(api.sql);

    expect(status).toBe(200);
    expect(body.created).toBe(1);
    expect(body.persons[0]?.externalRef).toBe(good.externalRef);
    expect(body.rejected.map((row) => [row.index, row.code, row.field])).toEqual([
      [1, 'VALIDATION_FAILED', 'givenNameAr'],
      [2, 'VALIDATION_FAILED', 'birthDate'],
      [3, 'VALIDATION_FAILED', 'birthPlace'],
      [4, 'VALIDATION_FAILED', 'sex'],
      // An unknown key is named as the field at fault.
      [5, 'VALIDATION_FAILED', 'unexpected'],
      [6, 'VALIDATION_FAILED', ''],
      [7, 'VALIDATION_FAILED', 'familyNameAr'],
      [8, 'VALIDATION_FAILED', 'motherNameAr'],
    ]);
    expect(body.rejected[0]?.value).toBe('Ali');
    expect(body.rejected[0]?.externalRef).toBe(
      rows[1] && (rows[1] as { externalRef: string }).externalRef,
    );
    expect(after.persons - before.persons).toBe(1);
    expect(after.outboxEvents - before.outboxEvents).toBe(1);
  });

  it('future birth date', async () => {
    const before = await tableCounts(api.sql);
    const { body } = await api.post<ImportResponse>('/persons/import', [
      personRow({ birthDate: '2026-07-01' }),
    ]);

    expect(body.rejected).toEqual([
      expect.objectContaining({ code: 'DATE_IN_FUTURE', field: 'birthDate', value: '2026-07-01' }),
    ]);
    expect(await tableCounts(api.sql)).toEqual(before);
  });

  it('retried batch assigns nothing twice', async () => {
    const rows = [manRow(), womanRow(), manRow()];
    const first = await api.post<ImportResponse>('/persons/import', rows);
    const before = await tableCounts(api.sql);
    const second = await api.post<ImportResponse>('/persons/import', rows);

    expect(second.body.created).toBe(0);
    expect(second.body.existing).toBe(3);
    expect(second.body.persons.map((person) => person.nationalNumber)).toEqual(
      first.body.persons.map((person) => person.nationalNumber),
    );
    expect(await tableCounts(api.sql)).toEqual(before);
  });

  it('concurrent identical batches', async () => {
    const rows = Array.from({ length: 200 }, (_, index) =>
      index % 2 === 0 ? manRow() : womanRow(),
    );
    const answers = await Promise.all([
      api.post<ImportResponse>('/persons/import', rows),
      api.post<ImportResponse>('/persons/import', rows),
    ]);
    const numbers = answers.map((answer) =>
      answer.body.persons.map((person) => person.nationalNumber),
    );
    const stored = await api.sql.query(
      'SELECT count(*)::int AS count FROM persons WHERE external_ref = ANY($1)',
      [rows.map((row) => row.externalRef)],
    );

    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(numbers[0]).toEqual(numbers[1]);
    expect(answers[0]!.body.created + answers[1]!.body.created).toBe(200);
    expect(stored.rows[0].count).toBe(200);
  });

  it('externalRef reused with other facts', async () => {
    const row = manRow();

    await api.post('/persons/import', [row]);

    const { body } = await api.post<ImportResponse>('/persons/import', [
      { ...row, givenNameAr: 'خالد' },
    ]);

    expect(body.rejected).toEqual([
      expect.objectContaining({ code: 'EXTERNAL_REF_CONFLICT', field: 'givenNameAr', index: 0 }),
    ]);
  });

  it('externalRef twice in one batch', async () => {
    const row = manRow();
    const { body } = await api.post<ImportResponse>('/persons/import', [row, row]);

    expect(body.created).toBe(1);
    expect(body.rejected).toEqual([
      expect.objectContaining({ code: 'DUPLICATE_EXTERNAL_REF', field: 'externalRef', index: 1 }),
    ]);
  });

  it('parents by national number', async () => {
    const { body: parents } = await api.post<ImportResponse>('/persons/import', [
      manRow({ birthDate: '1950-01-01' }),
      womanRow({ birthDate: '1955-01-01' }),
    ]);
    const [father, mother] = parents.persons.map((person) => person.nationalNumber);
    const { body } = await api.post<ImportResponse>('/persons/import', [
      manRow({ fatherNationalNumber: father, motherNationalNumber: mother }),
      manRow({ fatherNationalNumber: mother }),
      manRow({ motherNationalNumber: makeNationalNumber(1, 99_999_999) }),
      manRow({ birthDate: '1940-01-01', fatherNationalNumber: father }),
      // The check digit of 01000000991 is wrong.
      manRow({ fatherNationalNumber: '01000000991' }),
    ]);

    expect(body.created).toBe(1);
    expect(body.rejected.map((row) => [row.index, row.code, row.field])).toEqual([
      [1, 'SEX_MISMATCH', 'fatherNationalNumber'],
      [2, 'PERSON_NOT_FOUND', 'motherNationalNumber'],
      [3, 'BIRTH_BEFORE_PARENT', 'fatherNationalNumber'],
      [4, 'VALIDATION_FAILED', 'fatherNationalNumber'],
    ]);
  });

  it('body not an array', async () => {
    const { body, status } = await api.post<ErrorBody>('/persons/import', { rows: [] });

    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
  });

  it('empty array', async () => {
    const { body, status } = await api.post<ErrorBody>('/persons/import', []);

    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
  });

  it('more than 5000 rows', async () => {
    const before = await tableCounts(api.sql);
    const rows = Array.from({ length: 5001 }, () => manRow());
    const { body, status } = await api.post<ErrorBody>('/persons/import', rows);

    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(await tableCounts(api.sql)).toEqual(before);
  });

  it('malformed JSON', async () => {
    const before = await tableCounts(api.sql);
    const { body, status } = await api.postRaw<ErrorBody>('/persons/import', '[{"externalRef":');

    expect(status).toBe(400);
    expect(body.error.code).toBe('MALFORMED_JSON');
    expect(await tableCounts(api.sql)).toEqual(before);
  });

  it('5000 rows in one request', async () => {
    const rows = Array.from({ length: 5000 }, (_, index) =>
      index % 2 === 0 ? manRow() : womanRow(),
    );
    const started = Date.now();
    const { body, status } = await api.post<ImportResponse>('/persons/import', rows);
    const elapsedMs = Date.now() - started;

    expect(status).toBe(200);
    expect(body.created).toBe(5000);
    expect(new Set(body.persons.map((person) => person.nationalNumber)).size).toBe(5000);
    // A generous bound that only catches a fall back to row-by-row inserts.
    expect(elapsedMs).toBeLessThan(20_000);
  });
});
