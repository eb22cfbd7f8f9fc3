import { seedBenchDatabase } from './bench-database';
import { type LoadResult, runLoad } from './load';
import { printLoad, printMachine } from './machine';
import { type BenchOptions, benchOptions } from './options';
import {
  NATIONAL_NUMBER_SQL,
  type PgbenchResult,
  randomNationalNumberScript,
  runPgbench,
} from './pgbench';
import { benchAgency, startRegistry } from './registry-app';
import { formatMs, summarize } from './stats';
import { personAt } from './synthetic-people';

/** Drives POST /verifications on the real registry: a warm-up, then the measured run. */
async function measureHttp(url: string, options: BenchOptions): Promise<LoadResult> {
  const registry = await startRegistry(url);

  try {
    const auth = await benchAgency(registry);
    const load = {
      body: (n: number) => {
        // A different person per request, spread over the table like real lookups.
        const person = personAt(1 + ((n * 7_919) % options.rows));

        return JSON.stringify({
          birthDate: person.birthDate,
          givenNameAr: person.givenNameAr,
          nationalNumber: person.nationalNumber,
          purpose: 'account-opening',
        });
      },
      concurrency: options.concurrency,
      headers: { authorization: auth },
      path: '/verifications',
      port: registry.port,
    };

    console.log('warming up POST /verifications');
    await runLoad({ ...load, durationMs: options.warmupSeconds * 1000, label: 'warm-up' });
    console.log('measuring POST /verifications');

    return await runLoad({ ...load, durationMs: options.durationSeconds * 1000, label: 'http' });
  } finally {
    await registry.stop();
  }
}

/** Runs the lookup alone, then the lookup and its log insert, as SQL through pgbench. */
async function measureSql(
  url: string,
  options: BenchOptions,
): Promise<{ select: PgbenchResult; selectInsert: PgbenchResult }> {
  const number = randomNationalNumberScript(options.rows);
  const select = `SELECT * FROM identities WHERE national_number = ${NATIONAL_NUMBER_SQL};`;
  const insert = `INSERT INTO identity_lookups
  (national_number, kind, purpose, attributes_requested, outcome)
  VALUES (${NATIONAL_NUMBER_SQL}, 'verification', 'account-opening', '{birthDate,givenNameAr}', 'matched');`;

  console.log('measuring the lookup as SQL through pgbench');
  const selectOnly = await runPgbench(
    url,
    `${number}\n${select}`,
    options.concurrency,
    options.durationSeconds,
  );

  console.log('measuring the lookup and its log insert as SQL through pgbench');
  const selectInsert = await runPgbench(
    url,
    `${number}\n${select}\n${insert}`,
    options.concurrency,
    options.durationSeconds,
  );

  return { select: selectOnly, selectInsert };
}

function printResults(
  http: LoadResult,
  sql: { select: PgbenchResult; selectInsert: PgbenchResult },
): void {
  const latency = summarize(http.latenciesMs);
  const throughput = (http.statuses.get(200) ?? 0) / (http.elapsedMs / 1000);
  const statuses = [...http.statuses].map(([status, count]) => `${status}: ${count}`).join(', ');
  const row = (label: string, rate: number, unit: string, p50: number, p99: number) =>
    `${label.padEnd(24)} ${rate.toFixed(0).padStart(7)} ${unit}  p50 ${formatMs(p50)}  p99 ${formatMs(p99)}`;

  console.log('\nresults');
  console.log(
    `${row('POST /verifications', throughput, 'req/s', latency.p50Ms, latency.p99Ms)}  (${statuses}; ${http.errors} errors)`,
  );
  console.log(row('pgbench SELECT', sql.select.tps, 'tx/s ', sql.select.p50Ms, sql.select.p99Ms));
  console.log(
    row(
      'pgbench SELECT + INSERT',
      sql.selectInsert.tps,
      'tx/s ',
      sql.selectInsert.p50Ms,
      sql.selectInsert.p99Ms,
    ),
  );
  console.log(`ratio HTTP / SELECT:          ${(throughput / sql.select.tps).toFixed(3)}`);
  console.log(`ratio HTTP / SELECT + INSERT: ${(throughput / sql.selectInsert.tps).toFixed(3)}`);
}

/**
 * Verification throughput of the real identity registry against the same lookup done as raw
 * SQL through pgbench, on the same machine and database.
 *
 *   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register \
 *     bench/identity-verification/run.ts -- --rows 1000000 --concurrency 8 --duration 30
 */
async function main(): Promise<void> {
  const options = benchOptions();
  const url = await seedBenchDatabase(options.rows);

  await printMachine(url);
  console.log(`rows:        ${options.rows.toLocaleString('en')}`);
  console.log(`concurrency: ${options.concurrency} clients, ${options.durationSeconds} s per run`);

  const http = await measureHttp(url, options);
  const sql = await measureSql(url, options);

  printLoad('at end');
  printResults(http, sql);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
