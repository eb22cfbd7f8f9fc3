import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client } from 'pg';

import type { ErrorBody } from '@bitaqa/http';
import { createLogger } from '@bitaqa/observability';
import {
  createPrefixedTopics,
  createTestDatabase,
  deletePrefixedTopics,
  serviceAddresses,
  uniqueTopicPrefix,
  waitFor,
  type TestDatabase,
} from '@bitaqa/testing';

import { bootstrap, MIGRATIONS_DIR, type CivilRecordsApp } from '../src/bootstrap';
import type { ImportJobView, StartImportResponse } from '../src/bulk-import/dto/import-job.dto';

import {
  familiesCsv,
  NumberSource,
  personsCsv,
  sampleRegister,
  writeFile,
} from './support/bulk-import-files';
import { civilFetch } from './support/civil-auth';

const FAMILIES = 800;

async function post<Body>(
  app: CivilRecordsApp,
  path: string,
  body: unknown,
): Promise<{ body: Body; status: number }> {
  const response = await civilFetch(app.url, path, {
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
    method: 'POST',
  });

  return { body: (await response.json()) as Body, status: response.status };
}

describe('bulk import at shutdown', () => {
  let database: TestDatabase;
  let topicPrefix: string;
  let sql: Client;
  let dir: string;

  const start = (): Promise<CivilRecordsApp> =>
    bootstrap(
      {
        databaseUrl: database.url,
        host: '127.0.0.1',
        kafkaBrokers: serviceAddresses().kafkaBrokers,
        kafkaTopicPrefix: topicPrefix,
        logLevel: 'warn',
        migrateOnStart: true,
        outboxBatchSize: 500,
        port: 0,
      },
      createLogger('civil-records-test', process.env.TEST_LOG_LEVEL ?? 'silent'),
    );

  beforeAll(async () => {
    database = await createTestDatabase('civil_bulk_shutdown', MIGRATIONS_DIR);
    topicPrefix = uniqueTopicPrefix('civil-bulk-shutdown');
    await createPrefixedTopics(topicPrefix);
    sql = new Client({ connectionString: database.url });
    await sql.connect();
    dir = mkdtempSync(join(tmpdir(), 'bulk-import-shutdown-'));
    process.env.BULK_IMPORT_DIR = dir;

    const register = sampleRegister(new NumberSource(9, 100), FAMILIES);

    writeFile(dir, 'persons.csv', personsCsv(register.persons));
    writeFile(dir, 'families.csv', familiesCsv(register.families));
  });

  afterAll(async () => {
    await sql.end();
    await database.drop();
    await deletePrefixedTopics(topicPrefix);
    rmSync(dir, { force: true, recursive: true });
  });

  it('stops, then resumes on a new start', async () => {
    const body = { batchSize: 50, familiesPath: 'families.csv', personsPath: 'persons.csv' };
    const first = await start();
    const started = await post<StartImportResponse>(first, '/imports', body);
    const busy = await post<ErrorBody>(first, '/imports', body);

    expect(started.status).toBe(202);
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe('IMPORT_RUNNING');

    await waitFor('a few batches', async () => {
      const { rows } = await sql.query<{ line_number: number }>(
        `SELECT line_number FROM bulk_import_files WHERE kind = 'persons'`,
      );

      return (rows[0]?.line_number ?? 0) > 300 ? true : undefined;
    });
    await first.close();

    const { rows } = await sql.query<{ accepted: number; status: string }>(
      `SELECT j.status, f.accepted FROM bulk_import_jobs j JOIN bulk_import_files f ON f.job_id = j.id
       WHERE f.kind = 'persons'`,
    );
    const persons = await sql.query<{ count: string }>('SELECT count(*) FROM persons');

    expect(rows[0]?.status).toBe('stopped');
    expect(rows[0]?.accepted).toBe(Number(persons.rows[0]?.count));
    expect(rows[0]?.accepted).toBeLessThan(FAMILIES * 4);

    const second = await start();

    try {
      const resumed = await post<StartImportResponse>(second, '/imports', body);

      expect(resumed.status).toBe(202);
      expect(resumed.body.resumed).toBe(true);
      expect(resumed.body.id).toBe(started.body.id);

      const job = await waitFor(
        'the resumed import to finish',
        async () => {
          const answer = await civilFetch(second.url, `/imports/${resumed.body.id}`);
          const view = (await answer.json()) as ImportJobView;

          return view.status === 'running' ? undefined : view;
        },
        { timeoutMs: 120_000 },
      );

      expect(job.status).toBe('completed');
      expect(job.persons).toMatchObject({ accepted: FAMILIES * 4, rejected: 0 });
      expect(job.families).toMatchObject({ accepted: FAMILIES, rejected: 0 });
    } finally {
      await second.close();
    }
  }, 180_000);
});
