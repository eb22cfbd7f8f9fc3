import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client } from 'pg';

import { FamilyUpdated, PersonDied, PersonRegistered } from '@bitaqa/contracts';
import { createLogger } from '@bitaqa/observability';
import { createTestDatabase, waitFor, type TestDatabase } from '@bitaqa/testing';

import { MIGRATIONS_DIR } from '../src/bootstrap';
import type { CivilRecordsConfig } from '../src/config';
import type { ImportJobView } from '../src/bulk-import/dto/import-job.dto';
import { inspectImportFiles } from '../src/bulk-import/job/job-input';
import { createJob } from '../src/bulk-import/job/job-store';
import { ImportRunner } from '../src/bulk-import/runner/import-runner';
import { PrismaService } from '../src/infrastructure/prisma.service';

import {
  familiesCsv,
  NumberSource,
  personsCsv,
  sampleRegister,
  writeFile,
  type SampleRegister,
} from './support/bulk-import-files';

const REPO_ROOT = join(__dirname, '..', '..', '..');
const CLI = join(REPO_ROOT, 'apps/civil-records/src/bulk-import/cli.ts');
const FAMILIES = 4000;
/** A malformed line goes in after every this many persons lines. */
const BAD_LINE_EVERY = 1500;

interface CliRun {
  child: ChildProcess;
  exit: Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stderr: string;
    stdout: string;
  }>;
}

function startCli(databaseUrl: string, args: readonly string[]): CliRun {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', CLI, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';

  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  return {
    child,
    exit: new Promise((resolve) => {
      child.on('exit', (code, signal) => resolve({ code, signal, stderr, stdout }));
    }),
  };
}

/** Persons lines with a malformed line after every `BAD_LINE_EVERY`; returns the text and the bad count. */
function personsWithBadLines(register: SampleRegister): { bad: number; text: string } {
  const [header, ...lines] = personsCsv(register.persons).trimEnd().split('\n');
  const out = [header as string];
  let bad = 0;

  lines.forEach((line, index) => {
    out.push(line);
    if ((index + 1) % BAD_LINE_EVERY === 0) {
      out.push('"not closed,');
      bad += 1;
    }
  });

  return { bad, text: `${out.join('\n')}\n` };
}

async function count(sql: Client, query: string, values: unknown[] = []): Promise<number> {
  const result = await sql.query<{ count: string }>(query, values);

  return Number(result.rows[0]?.count);
}

describe('bulk import after a crash', () => {
  let database: TestDatabase;
  let sql: Client;
  let dir: string;
  let register: SampleRegister;
  let badLines: number;
  let args: string[];

  beforeAll(async () => {
    database = await createTestDatabase('civil_bulk_resume', MIGRATIONS_DIR);
    sql = new Client({ connectionString: database.url });
    await sql.connect();
    dir = mkdtempSync(join(tmpdir(), 'bulk-import-resume-'));
    register = sampleRegister(new NumberSource(5, 1000), FAMILIES);

    const persons = personsWithBadLines(register);

    badLines = persons.bad;
    args = [
      '--persons',
      writeFile(dir, 'persons.csv', persons.text),
      '--families',
      writeFile(dir, 'families.csv', familiesCsv(register.families)),
      '--batch-size',
      '200',
      '--rejects',
      join(dir, 'rejects.csv'),
    ];
  });

  afterAll(async () => {
    await sql.end();
    await database.drop();
    rmSync(dir, { force: true, recursive: true });
  });

  /** Starts the CLI and kills it with SIGKILL once `probe` finds enough committed. */
  async function crashWhen(description: string, query: string, threshold: number): Promise<void> {
    const run = startCli(database.url, args);

    await waitFor(
      description,
      async () => {
        const committed = await count(sql, query).catch(() => 0);

        return committed >= threshold ? committed : undefined;
      },
      { intervalMs: 20, timeoutMs: 60_000 },
    );
    run.child.kill('SIGKILL');

    const { signal } = await run.exit;

    expect(signal).toBe('SIGKILL');
  }

  it('crash during persons', async () => {
    await crashWhen(
      'persons batches to commit',
      `SELECT line_number AS count FROM bulk_import_files WHERE kind = 'persons'`,
      3000,
    );

    const persons = await count(sql, 'SELECT count(*) FROM persons');
    const accepted = await count(
      sql,
      `SELECT accepted AS count FROM bulk_import_files WHERE kind = 'persons'`,
    );
    const events = await count(sql, 'SELECT count(*) FROM outbox_events WHERE event_type = $1', [
      PersonRegistered.type,
    ]);

    expect(persons).toBeGreaterThan(0);
    expect(persons).toBeLessThan(register.persons.length);
    expect(accepted).toBe(persons);
    expect(events).toBe(persons);
  });

  it('crash during families', async () => {
    await crashWhen(
      'families batches to commit',
      `SELECT line_number AS count FROM bulk_import_files WHERE kind = 'families'`,
      2000,
    );

    const families = await count(sql, 'SELECT count(*) FROM families');
    const events = await count(sql, 'SELECT count(*) FROM outbox_events WHERE event_type = $1', [
      FamilyUpdated.type,
    ]);

    expect(families).toBeGreaterThan(0);
    expect(families).toBeLessThan(FAMILIES);
    expect(events).toBe(families);
  });

  it('same command resumes', async () => {
    const { code, stderr, stdout } = await startCli(database.url, args).exit;
    const job = JSON.parse(stdout) as ImportJobView;

    expect(code).toBe(0);
    expect(stderr).toContain('resuming unfinished import');
    expect(job.status).toBe('completed');
    expect(job.persons).toMatchObject({
      accepted: register.persons.length,
      existing: 0,
      read: register.persons.length + badLines,
      rejected: badLines,
    });
    expect(job.families).toMatchObject({ accepted: FAMILIES, existing: 0, rejected: 0 });
  });

  it('everyone exactly once', async () => {
    const numbers = register.persons.map((person) => person.national_number);

    expect(await count(sql, 'SELECT count(*) FROM persons')).toBe(numbers.length);
    expect(
      await count(sql, 'SELECT count(*) FROM persons WHERE national_number = ANY($1)', [numbers]),
    ).toBe(numbers.length);
    expect(await count(sql, 'SELECT count(*) FROM family_members')).toBe(register.families.length);
    expect(await count(sql, 'SELECT count(*) FROM marriages')).toBe(FAMILIES);
    expect(await count(sql, 'SELECT count(*) FROM bulk_import_jobs')).toBe(1);
  });

  it('events not duplicated', async () => {
    const eventsOf = (type: string): Promise<number> =>
      count(sql, 'SELECT count(*) FROM outbox_events WHERE event_type = $1', [type]);
    const keysOf = (type: string): Promise<number> =>
      count(sql, 'SELECT count(DISTINCT message_key) FROM outbox_events WHERE event_type = $1', [
        type,
      ]);

    expect(await eventsOf(PersonRegistered.type)).toBe(register.persons.length);
    expect(await keysOf(PersonRegistered.type)).toBe(register.persons.length);
    expect(await eventsOf(PersonDied.type)).toBe(FAMILIES / 5);
    expect(await eventsOf(FamilyUpdated.type)).toBe(FAMILIES);
    expect(await keysOf(FamilyUpdated.type)).toBe(FAMILIES);
  });

  it('rejects not duplicated', async () => {
    const report = readFileSync(join(dir, 'rejects.csv'), 'utf8').trimEnd().split('\n');

    expect(await count(sql, 'SELECT count(*) FROM bulk_import_rejects')).toBe(badLines);
    expect(report).toHaveLength(badLines + 1);
    expect(
      report
        .slice(1)
        .every((line) => line.startsWith('persons,') && line.includes(',MALFORMED_CSV,')),
    ).toBe(true);
  });

  it('later runs add nothing', async () => {
    const before = await count(sql, 'SELECT count(*) FROM outbox_events');
    const { code, stdout } = await startCli(database.url, args).exit;
    const job = JSON.parse(stdout) as ImportJobView;

    expect(code).toBe(0);
    expect(job.persons).toMatchObject({ accepted: 0, existing: register.persons.length });
    expect(job.families).toMatchObject({ accepted: 0, existing: FAMILIES });
    expect(await count(sql, 'SELECT count(*) FROM outbox_events')).toBe(before);
  });
});

describe('bulk import stop request', () => {
  let database: TestDatabase;
  let prisma: PrismaService;
  let dir: string;

  beforeAll(async () => {
    database = await createTestDatabase('civil_bulk_stop', MIGRATIONS_DIR);
    prisma = new PrismaService({ databaseUrl: database.url } as CivilRecordsConfig);
    dir = mkdtempSync(join(tmpdir(), 'bulk-import-stop-'));
  });

  afterAll(async () => {
    await prisma.$disconnect();
    await database.drop();
    rmSync(dir, { force: true, recursive: true });
  });

  it('stops after a batch and resumes', async () => {
    const register = sampleRegister(new NumberSource(7, 10), 10);
    const files = await inspectImportFiles(
      { personsPath: writeFile(dir, 'persons.csv', personsCsv(register.persons)) },
      { baseDir: dir },
    );
    const job = await createJob(prisma, 15, files, 'import-operator');
    const runner = new ImportRunner({
      logger: createLogger('bulk-import-test', 'silent'),
      prisma,
      recordedBy: 'import-operator',
      today: () => '2026-06-30',
    });

    const stopped = await runner.run(job.id, { stopRequested: true });

    expect(stopped.status).toBe('stopped');
    expect(stopped.files[0]).toMatchObject({ accepted: 15, done: false, lineNumber: 16 });

    const finished = await runner.run(job.id);

    expect(finished.status).toBe('completed');
    expect(finished.phase).toBe('done');
    expect(finished.files[0]).toMatchObject({ accepted: 40, done: true, lineNumber: 41 });
    expect(finished.startedBy).toBe('import-operator');

    const recorders = await prisma.$queryRawUnsafe<{ recorded_by: string | null }[]>(
      `SELECT DISTINCT recorded_by FROM person_changes WHERE national_number LIKE '07%'
       UNION SELECT DISTINCT recorded_by FROM outbox_events`,
    );

    expect(recorders).toEqual([{ recorded_by: 'import-operator' }]);
  });

  it('second runner of a job backs off', async () => {
    const register = sampleRegister(new NumberSource(8, 10), 500);
    const files = await inspectImportFiles(
      { personsPath: writeFile(dir, 'race.csv', personsCsv(register.persons)) },
      { baseDir: dir },
    );
    const job = await createJob(prisma, 100, files, 'import-operator');
    const runner = (): ImportRunner =>
      new ImportRunner({
        logger: createLogger('bulk-import-test', 'silent'),
        prisma,
        recordedBy: 'import-operator',
        today: () => '2026-06-30',
      });

    const outcomes = await Promise.allSettled([runner().run(job.id), runner().run(job.id)]);
    const failures = outcomes.filter((outcome) => outcome.status === 'rejected');
    const persons = await prisma.$queryRawUnsafe<{ count: bigint }[]>(
      `SELECT count(*) AS count FROM persons WHERE national_number LIKE '08%'`,
    );
    const events = await prisma.$queryRawUnsafe<{ count: bigint }[]>(
      `SELECT count(*) AS count FROM outbox_events WHERE message_key LIKE '08%' AND event_type = $1`,
      PersonRegistered.type,
    );

    expect(failures).toHaveLength(1);
    expect((failures[0] as PromiseRejectedResult).reason.code).toBe('IMPORT_TAKEN_OVER');
    expect(
      outcomes.some(
        (outcome) => outcome.status === 'fulfilled' && outcome.value.status === 'completed',
      ),
    ).toBe(true);
    expect(Number(persons[0]?.count)).toBe(register.persons.length);
    expect(Number(events[0]?.count)).toBe(register.persons.length);
  });
});
