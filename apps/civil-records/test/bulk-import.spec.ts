import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  FamilyUpdated,
  familyUpdatedData,
  PersonDied,
  PersonRegistered,
  personRegisteredData,
  Topics,
  type EventData,
} from '@bitaqa/contracts';
import { readTopic } from '@bitaqa/testing';

import type { BirthResult } from '../src/births/dto/birth.dto';
import type { ImportJobView, StartImportResponse } from '../src/bulk-import/dto/import-job.dto';

import {
  familiesCsv,
  finishedImport,
  NumberSource,
  personsCsv,
  sampleRegister,
  writeFile,
  type SampleRegister,
} from './support/bulk-import-files';
import { civilFetch } from './support/civil-auth';
import {
  outboxEvents,
  startCivilTestApp,
  tableCounts,
  type CivilTestApp,
} from './support/civil-test-app';

type Registered = EventData<typeof PersonRegistered.type>;
type Updated = EventData<typeof FamilyUpdated.type>;

const FAMILIES = 30;

describe('POST /imports', () => {
  let api: CivilTestApp;
  let dir: string;
  let register: SampleRegister;
  let job: ImportJobView;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bulk-import-'));
    process.env.BULK_IMPORT_DIR = dir;
    api = await startCivilTestApp('bulk_import');
    register = sampleRegister(new NumberSource(2, 500), FAMILIES, 40);
    writeFile(dir, 'persons.csv', personsCsv(register.persons));
    writeFile(dir, 'families.csv', familiesCsv(register.families));

    const { body, status } = await api.post<StartImportResponse>('/imports', {
      batchSize: 25,
      familiesPath: 'families.csv',
      personsPath: join(dir, 'persons.csv'),
    });

    expect(status).toBe(202);
    expect(body.resumed).toBe(false);
    job = await finishedImport(api, body.id);
  });

  afterAll(async () => {
    await api.close();
    rmSync(dir, { force: true, recursive: true });
  });

  it('job counts', () => {
    expect(job.status).toBe('completed');
    expect(job.phase).toBe('done');
    expect(job.lastError).toBeNull();
    expect(job.persons).toMatchObject({
      accepted: FAMILIES * 4,
      done: true,
      existing: 0,
      lineNumber: FAMILIES * 4 + 1,
      percent: 100,
      read: FAMILIES * 4,
      rejected: 0,
    });
    expect(job.families).toMatchObject({
      accepted: FAMILIES,
      done: true,
      read: FAMILIES,
      rejected: 0,
    });
    expect(job.eventsEnqueued).toBe(FAMILIES * 4 + FAMILIES / 5 + FAMILIES);
  });

  it('rows in the register', async () => {
    const counts = await tableCounts(api.sql);

    expect(counts.persons).toBe(FAMILIES * 4);
    expect(counts.personsDeceased).toBe(FAMILIES / 5);
    expect(counts.families).toBe(FAMILIES);
    expect(counts.familyMembers).toBe(FAMILIES * 4);
    expect(counts.marriages).toBe(FAMILIES);
  });

  it('widows marriages of the dead', async () => {
    const { rows } = await api.sql.query<{ ended_on: string | null; status: string }>(
      `SELECT status::text AS status, ended_on::text AS ended_on FROM marriages ORDER BY id`,
    );

    expect(rows.filter((row) => row.status === 'widowed')).toHaveLength(FAMILIES / 5);
    expect(
      rows.filter((row) => row.status === 'widowed').every((row) => row.ended_on === '2015-03-03'),
    ).toBe(true);
    expect(rows.filter((row) => row.status === 'active')).toHaveLength(FAMILIES - FAMILIES / 5);
  });

  it('journals import, death and widowhood', async () => {
    const kinds = async (nationalNumber: string | undefined): Promise<string[]> => {
      const { rows } = await api.sql.query<{ kind: string }>(
        `SELECT kind::text AS kind FROM person_changes WHERE national_number = $1
         ORDER BY effective_on, id`,
        [nationalNumber],
      );

      return rows.map((row) => row.kind);
    };
    const [head, wife, child] = register.persons.slice(16, 19);
    const widowed = await api.sql.query<{ count: string }>(
      `SELECT count(*) FROM person_changes WHERE kind = 'widowed'`,
    );

    expect(await kinds(head?.national_number)).toEqual(['import', 'marriage', 'death']);
    expect(await kinds(wife?.national_number)).toEqual(['import', 'marriage', 'widowed']);
    expect(await kinds(child?.national_number)).toEqual(['import']);
    expect(Number(widowed.rows[0]?.count)).toBe(FAMILIES / 5);
  });

  it('PersonRegistered per person', async () => {
    const events = await outboxEvents<Registered>(api.sql, PersonRegistered.type);
    const child = register.persons[2];

    expect(events).toHaveLength(FAMILIES * 4);
    expect(new Set(events.map((event) => event.key)).size).toBe(FAMILIES * 4);
    expect(events.every((event) => personRegisteredData.safeParse(event.payload).success)).toBe(
      true,
    );
    expect(events.every((event) => event.payload.reason === 'import')).toBe(true);
    expect(events.find((event) => event.key === child?.national_number)?.payload).toMatchObject({
      birthDate: child?.birth_date,
      fatherNationalNumber: child?.father_national_number,
      motherNationalNumber: child?.mother_national_number,
      registrationGovernorate: 'SY02',
    });
  });

  it('PersonDied after PersonRegistered', async () => {
    const died = await outboxEvents(api.sql, PersonDied.type);
    const { rows } = await api.sql.query<{ event_type: string }>(
      `SELECT event_type FROM outbox_events WHERE message_key = $1 ORDER BY id`,
      [register.persons[16]?.national_number],
    );

    expect(died).toHaveLength(FAMILIES / 5);
    expect(rows.map((row) => row.event_type)).toEqual([PersonRegistered.type, PersonDied.type]);
  });

  it('FamilyUpdated per family', async () => {
    const events = await outboxEvents<Updated>(api.sql, FamilyUpdated.type);
    const [familyId, members] = [...register.members][0] as [string, string[]];
    const first = events.find((event) => event.key === familyId);

    expect(events).toHaveLength(FAMILIES);
    expect(events.every((event) => familyUpdatedData.safeParse(event.payload).success)).toBe(true);
    expect(first?.payload).toMatchObject({ governorate: 'SY02', reason: 'import', version: 1 });
    expect(first?.payload.members.map((member) => member.nationalNumber)).toEqual(members);
    expect(first?.payload.members.map((member) => member.role)).toEqual([
      'head',
      'wife',
      'child',
      'child',
    ]);
  });

  it('events reach Kafka', async () => {
    const messages = await readTopic(`${api.topicPrefix}${Topics.civilFamilies}`, FAMILIES);

    expect(messages).toHaveLength(FAMILIES);
  });

  it('later birth gets a new number', async () => {
    const [head, wife] = register.persons;
    const { body, status } = await api.post<BirthResult>('/births', {
      birthDate: '2010-01-15',
      birthPlace: 'SY02',
      fatherNationalNumber: head?.national_number,
      givenNameAr: 'سامي',
      motherNationalNumber: wife?.national_number,
      sex: 'M',
    });
    const serials = register.persons
      .filter((person) => person.registration_governorate === 'SY02')
      .map((person) => Number(person.national_number.slice(2, 10)));

    expect(status).toBe(201);
    expect(Number(body.nationalNumber.slice(2, 10))).toBe(Math.max(...serials) + 1);
    expect(body.familyId).toBe([...register.members.keys()][0]);
  });

  it('family id sequence moves past imports', async () => {
    const { rows } = await api.sql.query<{ last_serial: number }>(
      `SELECT last_serial FROM family_id_sequences WHERE governorate = 'SY02'`,
    );

    expect(rows[0]?.last_serial).toBe(40 + FAMILIES);
  });

  it('second run finds everyone existing', async () => {
    const before = await tableCounts(api.sql);
    const { body, status } = await api.post<StartImportResponse>('/imports', {
      familiesPath: 'families.csv',
      personsPath: 'persons.csv',
    });

    expect(status).toBe(202);
    expect(body.id).not.toBe(job.id);

    const again = await finishedImport(api, body.id);
    const report = await civilFetch(api.running.url, `/imports/${body.id}/rejects`).then(
      (response) => response.text(),
    );

    expect(again.persons).toMatchObject({ accepted: 0, existing: FAMILIES * 4, rejected: 0 });
    // The first family gained a child by birth since, so the file no longer matches it.
    expect(again.families).toMatchObject({ accepted: 0, existing: FAMILIES - 1, rejected: 1 });
    expect(report).toContain(',FAMILY_CONFLICT,');
    expect(again.eventsEnqueued).toBe(0);
    expect(await tableCounts(api.sql)).toEqual(before);
  });
});
