import 'reflect-metadata';

import { Client } from 'pg';

import { createLogger } from '@bitaqa/observability';
import {
  createPrefixedTopics,
  createTestDatabase,
  deletePrefixedTopics,
  serviceAddresses,
  uniqueTopicPrefix,
  type TestDatabase,
} from '@bitaqa/testing';

import { bootstrap, MIGRATIONS_DIR, type CivilRecordsApp } from '../../src/bootstrap';
import { Clock } from '../../src/infrastructure/clock';

import { civilFetch } from './civil-auth';

/**
 * Today's date as the app sees it in tests. Civil events may not lie in the future, so tests pin
 * the date instead of reading the machine clock, and dates after this one count as future.
 */
export const TODAY = '2026-06-30';

export interface ApiAnswer<Body = unknown> {
  body: Body;
  status: number;
}

export interface CivilTestApp {
  close(): Promise<void>;
  get<Body = unknown>(path: string): Promise<ApiAnswer<Body>>;
  post<Body = unknown>(path: string, body: unknown): Promise<ApiAnswer<Body>>;
  /** Posts a raw request body, for malformed JSON. */
  postRaw<Body = unknown>(path: string, text: string): Promise<ApiAnswer<Body>>;
  running: CivilRecordsApp;
  /** Direct connection to the suite's database, for checking what was written. */
  sql: Client;
  topicPrefix: string;
}

async function answer<Body>(response: Response): Promise<ApiAnswer<Body>> {
  const text = await response.text();

  return { body: (text ? JSON.parse(text) : undefined) as Body, status: response.status };
}

/**
 * Starts civil-records on a fresh database and fresh prefixed topics. Its `get` and `post` send
 * a token with the scopes each route requires, for the client `TEST_CLIENT_ID`.
 */
export async function startCivilTestApp(label: string): Promise<CivilTestApp> {
  const database: TestDatabase = await createTestDatabase(`civil_${label}`, MIGRATIONS_DIR);
  const topicPrefix = uniqueTopicPrefix(`civil-${label}`);

  await createPrefixedTopics(topicPrefix);

  const running = await bootstrap(
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

  jest.spyOn(running.app.get(Clock), 'today').mockReturnValue(TODAY);

  const sql = new Client({ connectionString: database.url });

  await sql.connect();

  const send = <Body>(path: string, init?: RequestInit): Promise<ApiAnswer<Body>> =>
    civilFetch(running.url, path, init).then((response) => answer<Body>(response));
  const postText = <Body>(path: string, text: string): Promise<ApiAnswer<Body>> =>
    send<Body>(path, {
      body: text,
      headers: { 'content-type': 'application/json' },
      method: 'POST',
    });

  return {
    async close() {
      await sql.end();
      await running.close();
      await database.drop();
      await deletePrefixedTopics(topicPrefix);
    },
    get: (path) => send(path),
    post: (path, body) => postText(path, JSON.stringify(body)),
    postRaw: (path, text) => postText(path, text),
    running,
    sql,
    topicPrefix,
  };
}

export interface TableCounts {
  corrections: number;
  divorces: number;
  families: number;
  familyMembers: number;
  marriages: number;
  outboxEvents: number;
  personChanges: number;
  persons: number;
  personsDeceased: number;
}

/** Row counts of every table a request may write, to prove that a rejected one wrote nothing. */
export async function tableCounts(sql: Client): Promise<TableCounts> {
  const result = await sql.query<TableCounts>(`
    SELECT
      (SELECT count(*) FROM corrections)::int AS "corrections",
      (SELECT count(*) FROM divorces)::int AS "divorces",
      (SELECT count(*) FROM families)::int AS "families",
      (SELECT count(*) FROM family_members)::int AS "familyMembers",
      (SELECT count(*) FROM marriages)::int AS "marriages",
      (SELECT count(*) FROM outbox_events)::int AS "outboxEvents",
      (SELECT count(*) FROM person_changes)::int AS "personChanges",
      (SELECT count(*) FROM persons)::int AS "persons",
      (SELECT count(*) FROM persons WHERE date_of_death IS NOT NULL)::int AS "personsDeceased"`);

  return result.rows[0] as TableCounts;
}

/** Outbox rows of one event type, oldest first, with their data. */
export async function outboxEvents<Data = unknown>(
  sql: Client,
  eventType: string,
): Promise<{ key: string; payload: Data }[]> {
  const result = await sql.query<{ key: string; payload: Data }>(
    'SELECT message_key AS key, payload FROM outbox_events WHERE event_type = $1 ORDER BY id',
    [eventType],
  );

  return result.rows;
}
