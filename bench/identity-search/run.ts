import { Client } from 'pg';

import {
  identitySearchQuery,
  toSearchCriteria,
} from '../../apps/identity-registry/src/search/dto/identity-search.query';
import { buildSearchSql } from '../../apps/identity-registry/src/search/search-sql';
import { seedBenchDatabase } from '../identity-verification/bench-database';
import { printLoad, printMachine } from '../identity-verification/machine';
import { type BenchOptions, benchOptions } from '../identity-verification/options';
import {
  type BenchRegistry,
  operatorGet,
  startRegistry,
} from '../identity-verification/registry-app';
import { formatMs, summarize } from '../identity-verification/stats';
import { latinOf, personAt, type SyntheticPerson } from '../identity-verification/synthetic-people';

type Query = Record<string, string>;

interface QueryKind {
  build: (person: SyntheticPerson) => Query;
  label: string;
}

const KINDS: QueryKind[] = [
  {
    build: (person) => ({ name: `${person.givenNameAr} ${person.familyNameAr}` }),
    label: 'Arabic given + family name',
  },
  {
    build: (person) => ({
      name: `${person.givenNameAr} ${person.fatherNameAr} ${person.familyNameAr}`,
    }),
    label: 'Arabic given + father + family',
  },
  {
    build: (person) => ({ name: `${latinOf(person.givenNameAr)} ${latinOf(person.familyNameAr)}` }),
    label: 'Latin given + family name',
  },
  {
    build: (person) => ({ name: person.givenNameAr }),
    label: 'Arabic given name alone',
  },
  {
    build: (person) => ({
      birthPlace: person.governorate,
      birthYear: person.birthDate.slice(0, 4),
      motherName: person.motherNameAr.split(' ')[0] ?? '',
      name: person.familyNameAr,
    }),
    label: 'family + mother + place + year',
  },
  {
    build: (person) => ({ nationalNumber: person.nationalNumber }),
    label: 'national number',
  },
];

/** Runs the statement the registry would run for `query`, directly on PostgreSQL. */
async function sqlLatency(client: Client, query: Query): Promise<number> {
  const statement = buildSearchSql(
    toSearchCriteria(identitySearchQuery.parse({ ...query, limit: '20' })),
  );
  const started = process.hrtime.bigint();

  await client.query(statement.text, statement.values);

  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** Times each query of one kind through the registry and as raw SQL, after a warm-up. */
async function measureKind(
  registry: BenchRegistry,
  client: Client,
  kind: QueryKind,
  options: BenchOptions,
): Promise<string> {
  const queries = Array.from({ length: options.queries }, (_, n) =>
    kind.build(personAt(1 + ((n * 104_729 + 17) % options.rows))),
  );
  const http: number[] = [];
  const sql: number[] = [];
  let hits = 0;

  for (const query of queries.slice(0, 20)) {
    await operatorGet(registry, `/search/identities?${new URLSearchParams(query)}`);
  }
  for (const query of queries) {
    const answer = await operatorGet(registry, `/search/identities?${new URLSearchParams(query)}`);

    http.push(answer.latencyMs);
    hits += (answer.body.items as unknown[]).length;
    sql.push(await sqlLatency(client, query));
  }

  const overHttp = summarize(http);
  const raw = summarize(sql);

  console.log(`  done: ${kind.label}`);

  return (
    `${kind.label.padEnd(32)} http p50 ${formatMs(overHttp.p50Ms).padStart(10)} p99 ${formatMs(overHttp.p99Ms).padStart(10)}` +
    `   sql p50 ${formatMs(raw.p50Ms).padStart(10)} p99 ${formatMs(raw.p99Ms).padStart(10)}   hits/page ${(hits / queries.length).toFixed(1)}`
  );
}

/**
 * Name search latency through the real registry and as raw SQL, per kind of query, with one
 * query in flight at a time.
 *
 *   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register \
 *     bench/identity-search/run.ts -- --rows 1000000 --queries 200
 */
async function main(): Promise<void> {
  const options = benchOptions();
  const url = await seedBenchDatabase(options.rows);

  await printMachine(url);
  console.log(`rows:        ${options.rows.toLocaleString('en')}`);
  console.log(`queries:     ${options.queries} of each kind, one at a time, page size 20`);

  const registry = await startRegistry(url);
  const client = new Client({ connectionString: url });
  const lines: string[] = [];

  await client.connect();
  try {
    for (const kind of KINDS) lines.push(await measureKind(registry, client, kind, options));
  } finally {
    await client.end();
    await registry.stop();
  }

  printLoad('at end');
  console.log('\nresults');
  for (const line of lines) console.log(line);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
