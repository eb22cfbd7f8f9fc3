import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { ErrorBody } from '@bitaqa/http';

import type { ImportJobView, StartImportResponse } from '../src/bulk-import/dto/import-job.dto';

import {
  familiesCsv,
  finishedImport,
  NumberSource,
  personLine,
  personsCsv,
  rejectReportOf,
  writeFile,
  type FamilyLine,
  type ReportLine,
} from './support/bulk-import-files';
import { startCivilTestApp, tableCounts, type CivilTestApp } from './support/civil-test-app';

/** Returns the same national number with another check digit. */
function withWrongCheckDigit(nationalNumber: string): string {
  return nationalNumber.slice(0, 10) + String((Number(nationalNumber[10]) + 1) % 10);
}

describe('bulk import rejects', () => {
  let api: CivilTestApp;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bulk-import-rejects-'));
    process.env.BULK_IMPORT_DIR = dir;
    api = await startCivilTestApp('bulk_rejects');
  });

  afterAll(async () => {
    await api.close();
    rmSync(dir, { force: true, recursive: true });
  });

  describe('bad lines', () => {
    const numbers = new NumberSource(2, 7000);
    const father = numbers.next();
    const mother = numbers.next();
    const child = numbers.next();
    const registered = numbers.next();
    const lateChild = numbers.next();
    const lateParent = numbers.next();
    const quoted = numbers.next();
    let job: ImportJobView;
    let report: ReportLine[];
    let personsBefore: number;

    beforeAll(async () => {
      // A person already in the register, whom line 14 repeats with another given name.
      writeFile(dir, 'first.csv', personsCsv([personLine(registered)]));
      await finishedImport(
        api,
        (await api.post<StartImportResponse>('/imports', { personsPath: 'first.csv' })).body.id,
      );
      personsBefore = (await tableCounts(api.sql)).persons;

      const line = (nn: string, overrides = {}): string =>
        personsCsv([personLine(nn, overrides)]).split('\n')[1] as string;
      const persons = [
        personsCsv([]).trimEnd(),
        line(father),
        line(mother, { birth_date: '1972-01-01', sex: 'F' }),
        line(child, {
          birth_date: '2000-01-01',
          father_national_number: father,
          mother_national_number: mother,
        }),
        line(withWrongCheckDigit(numbers.next())),
        line(numbers.next(), { given_name_ar: '' }),
        line(numbers.next(), { birth_date: '1990-02-30' }),
        line(numbers.next(), { birth_date: '2027-01-01' }),
        line(numbers.next(), { birth_place: 'SY0399' }),
        line(numbers.next(), { father_national_number: new NumberSource(2, 90_000).next() }),
        line(child, {
          birth_date: '2000-01-01',
          father_national_number: father,
          mother_national_number: mother,
        }),
        `${numbers.next()},"محمد,أحمد,علي,الحلبي,فاطمة,M,1970-01-01,SY02,SY02,,,`,
        `${numbers.next()},محمد,أحمد`,
        line(registered, { given_name_ar: 'خالد' }),
        line(numbers.next(), { registration_governorate: 'SY03' }),
        line(numbers.next(), { birth_date: '2001-01-01', father_national_number: mother }),
        line(numbers.next(), { given_name_ar: 'Ali', sex: 'X' }),
        line(quoted).replace(`${quoted},محمد,`, `${quoted},"محمد",`),
        line(lateChild, { birth_date: '2002-01-01', father_national_number: lateParent }),
        line(lateParent),
        line(numbers.next(), { given_name_ar: 'محمد\u0000' }),
        '',
        '',
      ];
      const family = (
        familyId: string,
        nationalNumber: string,
        role: string,
        joinedOn = '1999-01-01',
      ): FamilyLine => ({
        family_id: familyId,
        joined_on: joinedOn,
        national_number: nationalNumber,
        role,
      });
      const families = familiesCsv([
        family('FAM-SY02-000100', father, 'head'),
        family('FAM-SY02-000100', mother, 'wife'),
        family('FAM-SY02-000100', child, 'child', '2000-01-01'),
        family('FAM-SY02-000101', new NumberSource(2, 91_000).next(), 'head'),
        family('FAM-SY02-000101', registered, 'wife'),
        family('FAM-SY02-000102', registered, 'wife'),
        family('FAM-SY02-000103', quoted, 'head'),
        family('FAM-SY02-000103', lateParent, 'wife'),
        family('FAM-SY02-000100', father, 'head'),
        family('FAM-XX-1', quoted, 'head'),
        family('FAM-SY02-000104', quoted, 'head'),
        family('FAM-SY02-000104', mother, 'wife'),
      ]);

      writeFile(dir, 'persons.csv', persons.join('\n'));
      writeFile(dir, 'families.csv', families);

      const { body } = await api.post<StartImportResponse>('/imports', {
        batchSize: 4,
        familiesPath: 'families.csv',
        personsPath: 'persons.csv',
      });

      job = await finishedImport(api, body.id);
      report = await rejectReportOf(api, body.id);
    });

    it('good rows go in', async () => {
      expect(job.status).toBe('completed');
      expect(job.persons).toMatchObject({ accepted: 5, existing: 0, read: 20, rejected: 15 });
      expect(job.families).toMatchObject({ accepted: 1, existing: 0, read: 7, rejected: 6 });
      expect((await tableCounts(api.sql)).persons).toBe(personsBefore + 5);
      expect((await tableCounts(api.sql)).families).toBe(1);
    });

    it('persons report lines', () => {
      const persons = report
        .filter((entry) => entry.file === 'persons')
        .map((entry) => [entry.line, entry.column, entry.code]);

      expect(persons).toEqual([
        [5, 'national_number', 'CHECK_DIGIT_MISMATCH'],
        [6, 'given_name_ar', 'MISSING_FIELD'],
        [7, 'birth_date', 'INVALID_DATE'],
        [8, 'birth_date', 'DATE_IN_FUTURE'],
        [9, 'birth_place', 'UNKNOWN_PLACE'],
        [10, 'father_national_number', 'UNKNOWN_PARENT'],
        [11, 'national_number', 'DUPLICATE_IN_FILE'],
        [12, '', 'MALFORMED_CSV'],
        [13, '', 'MALFORMED_CSV'],
        [14, 'given_name_ar', 'NATIONAL_NUMBER_CONFLICT'],
        [15, 'registration_governorate', 'GOVERNORATE_MISMATCH'],
        [16, 'father_national_number', 'PARENT_SEX_MISMATCH'],
        [17, 'given_name_ar', 'INVALID_NAME'],
        [17, 'sex', 'INVALID_SEX'],
        [19, 'father_national_number', 'UNKNOWN_PARENT'],
        [21, '', 'MALFORMED_CSV'],
      ]);
    });

    it('report values and messages', () => {
      const byLine = (line: number): ReportLine | undefined =>
        report.find((entry) => entry.file === 'persons' && entry.line === line);

      expect(byLine(7)?.value).toBe('1990-02-30');
      expect(byLine(11)?.message).toBe(`national number ${child} is already on line 4`);
      expect(byLine(12)?.message).toMatch(/not closed/);
      expect(byLine(13)?.message).toBe('expected 13 fields as in the header, found 3');
      expect(byLine(14)?.value).toBe('خالد');
      expect(byLine(14)?.message).toContain('محمد');
    });

    it('families report lines', () => {
      const families = report
        .filter((entry) => entry.file === 'families')
        .map((entry) => [entry.line, entry.column, entry.code]);

      expect(families).toEqual([
        [5, 'national_number', 'UNKNOWN_PERSON'],
        [6, '', 'FAMILY_REJECTED'],
        [7, 'role', 'MISSING_HEAD'],
        [8, '', 'FAMILY_REJECTED'],
        [9, 'role', 'SEX_MISMATCH'],
        [10, 'family_id', 'DUPLICATE_IN_FILE'],
        [11, 'family_id', 'INVALID_FAMILY_ID'],
        [12, '', 'FAMILY_REJECTED'],
        [13, 'national_number', 'MEMBER_OF_OTHER_FAMILY'],
      ]);
    });

    it('quoted field read', async () => {
      const { rows } = await api.sql.query<{ given_name_ar: string }>(
        'SELECT given_name_ar FROM persons WHERE national_number = $1',
        [quoted],
      );

      expect(rows[0]?.given_name_ar).toBe('محمد');
    });
  });

  describe('bad job input', () => {
    let jobsBefore: number;

    const jobCount = async (): Promise<number> =>
      Number((await api.sql.query('SELECT count(*) FROM bulk_import_jobs')).rows[0].count);

    beforeAll(async () => {
      writeFile(dir, 'empty.csv', '');
      writeFile(dir, 'bad-header.csv', 'national_number,name\n01000000018,محمد\n');
      writeFile(dir, 'good.csv', personsCsv([]));
      mkdirSync(join(dir, 'folder.csv'), { recursive: true });
      jobsBefore = await jobCount();
    });

    it.each([
      [{}, 'personsPath'],
      [{ personsPath: 'good.csv', surprise: true }, 'surprise'],
      [{ batchSize: 0, personsPath: 'good.csv' }, 'batchSize'],
      [{ personsPath: '' }, 'personsPath'],
    ])('400 for body %j', async (body, field) => {
      const { body: answer, status } = await api.post<ErrorBody>('/imports', body);

      expect(status).toBe(400);
      expect(answer.error.code).toBe('VALIDATION_FAILED');
      expect(answer.error.field).toBe(field);
    });

    it.each([
      ['missing.csv', undefined, 'FILE_NOT_FOUND', 'personsPath'],
      ['/etc/passwd', undefined, 'PATH_OUTSIDE_IMPORT_DIR', 'personsPath'],
      ['../bulk-import-outside.csv', undefined, 'FILE_NOT_FOUND', 'personsPath'],
      ['folder.csv', undefined, 'NOT_A_FILE', 'personsPath'],
      ['empty.csv', undefined, 'CSV_HEADER_INVALID', 'personsPath'],
      ['bad-header.csv', undefined, 'CSV_HEADER_INVALID', 'personsPath'],
      ['good.csv', 'good.csv', 'SAME_FILE', 'familiesPath'],
      ['good.csv', 'bad-header.csv', 'CSV_HEADER_INVALID', 'familiesPath'],
    ])('422 for %s and %s', async (personsPath, familiesPath, code, field) => {
      const { body, status } = await api.post<ErrorBody>('/imports', { familiesPath, personsPath });

      expect(status).toBe(422);
      expect(body.error.code).toBe(code);
      expect(body.error.field).toBe(field);
    });

    it('header problem named', async () => {
      const { body } = await api.post<ErrorBody>('/imports', { personsPath: 'bad-header.csv' });

      expect(body.error.message).toContain('unknown columns: name');
    });

    it('422 for a file beside the folder', async () => {
      writeFile(join(dir, '..'), `outside-${process.pid}.csv`, personsCsv([]));

      const { body, status } = await api.post<ErrorBody>('/imports', {
        personsPath: `../outside-${process.pid}.csv`,
      });

      rmSync(join(dir, '..', `outside-${process.pid}.csv`), { force: true });
      expect(status).toBe(422);
      expect(body.error.code).toBe('PATH_OUTSIDE_IMPORT_DIR');
    });

    it('400 for a bad id', async () => {
      const { body, status } = await api.get<ErrorBody>('/imports/abc');

      expect(status).toBe(400);
      expect(body.error.field).toBe('id');
    });

    it('no job for bad input', async () => {
      expect(await jobCount()).toBe(jobsBefore);
    });

    it('404 for an unknown id', async () => {
      const job = await api.get<ErrorBody>('/imports/987654');
      const rejects = await api.get<ErrorBody>('/imports/987654/rejects');

      expect(job.status).toBe(404);
      expect(job.body.error.code).toBe('IMPORT_NOT_FOUND');
      expect(rejects.status).toBe(404);
    });
  });
});
