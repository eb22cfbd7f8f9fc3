import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { TokenSource } from '@bitaqa/auth';
import {
  createPrefixedTopics,
  createTestDatabase,
  deletePrefixedTopics,
  serviceAddresses,
  testTokenSource,
  uniqueTopicPrefix,
  type TestDatabase,
} from '@bitaqa/testing';

import { feedPopulation, REFS_FILE } from '../src/feed-population';
import { writePopulation } from '../src/population-files';
import type { PopulationCounts } from '../src/types';

import { startCivilRecordsProcess, type RunningCivilRecords } from './civil-records-process';

const FAMILIES = 200;

interface Stats {
  deaths: number;
  families: number;
  marriages: number;
  pendingEvents: number;
  persons: number;
}

// Signed with the local platform's key, which civil-records checks through AUTH_JWKS_FILE.
let clerk: TokenSource;

async function stats(url: string): Promise<Stats> {
  const response = await fetch(`${url}/stats`, {
    headers: { authorization: await clerk.authorization() },
  });

  return response.json() as Promise<Stats>;
}

describe('feed', () => {
  let database: TestDatabase;
  let dir: string;
  let counts: PopulationCounts;
  let prefix: string;
  let civil: RunningCivilRecords;

  beforeAll(async () => {
    clerk = await testTokenSource({
      audience: 'civil-records',
      scopes: ['civil:read', 'civil:write'],
    });
    database = await createTestDatabase('population_feed');
    prefix = uniqueTopicPrefix('population-feed');
    await createPrefixedTopics(prefix);
    civil = await startCivilRecordsProcess({
      DATABASE_URL: database.url,
      KAFKA_BROKERS: serviceAddresses().kafkaBrokers,
      KAFKA_TOPIC_PREFIX: prefix,
    });
    dir = mkdtempSync(join(tmpdir(), 'population-feed-'));
    counts = writePopulation(dir, { families: FAMILIES, seed: 42 });
  });

  afterAll(async () => {
    await civil?.stop();
    await database?.drop();
    await deletePrefixedTopics(prefix);
    rmSync(dir, { force: true, recursive: true });
  });

  it('registers the whole population', async () => {
    const summary = await feedPopulation({ dir, tokens: clerk, url: civil.url });

    expect(summary.persons).toMatchObject({ created: counts.persons, rejected: 0, skipped: 0 });
    expect(summary.marriages).toMatchObject({ created: counts.marriages, rejected: 0 });
    expect(summary.births).toMatchObject({ created: counts.births, rejected: 0 });
    expect(summary.deaths).toMatchObject({ created: counts.deaths, rejected: 0 });
    expect(await stats(civil.url)).toMatchObject({
      deaths: counts.deaths,
      families: FAMILIES,
      marriages: counts.marriages,
      persons: counts.persons + counts.births,
    });
  });

  it('writes every reference', () => {
    const refs = JSON.parse(readFileSync(join(dir, REFS_FILE), 'utf8')) as Record<string, string>;

    expect(Object.keys(refs)).toHaveLength(counts.persons + counts.births);
    expect(Object.values(refs).every((value) => /^\d{11}$/.test(value))).toBe(true);
    expect(new Set(Object.values(refs)).size).toBe(counts.persons + counts.births);
  });

  it('feed without civil:write is rejected', async () => {
    const reader = await testTokenSource({ audience: 'civil-records', scopes: ['civil:read'] });

    await expect(feedPopulation({ dir, tokens: reader, url: civil.url })).rejects.toMatchObject({
      body: expect.stringContaining('SCOPE_MISSING'),
      status: 403,
    });
  });

  it('second run registers nothing', async () => {
    const before = await stats(civil.url);
    const summary = await feedPopulation({ dir, tokens: clerk, url: civil.url });

    for (const step of [summary.persons, summary.marriages, summary.births, summary.deaths]) {
      expect(step.created).toBe(0);
      expect(step.rejected).toBe(0);
      expect(step.existing).toBe(step.total);
    }
    expect(await stats(civil.url)).toEqual({ ...before, pendingEvents: expect.any(Number) });
  });
});
