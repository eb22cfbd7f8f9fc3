/**
 * Measures POST /redemptions of the real fuel-allocation service under concurrent stations,
 * then pgbench running the same debit SQL on the same database, and prints both with their
 * ratio. Run `bash bench/fuel-redemption/run.sh [--families 5000] [--stations 20]
 * [--concurrency 8] [--duration 20]` after `bash infra/up.sh`; bench/README.md has a record.
 */
import { createServer } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

import { Client } from 'pg';

import {
  createPrefixedTopics,
  createTestDatabase,
  deletePrefixedTopics,
  serviceAddresses,
  testAuthorization,
  uniqueTopicPrefix,
} from '@bitaqa/testing';

import { MIGRATIONS_DIR } from '../../apps/fuel-allocation/src/bootstrap';
import { AppProcess } from '../../tools/flow/src/app-process';

import { driveRedemptions, type LoadResult } from './load';
import { parseOptions, type BenchOptions } from './options';
import { pgbenchDebits } from './pgbench';
import { seedFamilies } from './seed';
import { figures, type RunFigures } from './stats';

const REPO_ROOT = join(__dirname, '../..');
const TIME_ZONE = 'Asia/Damascus';

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function freePort(): Promise<number> {
  const server = createServer();

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const address = server.address();

  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');

  return address.port;
}

async function printMachine(sql: Client, options: BenchOptions): Promise<void> {
  const version = await sql.query<{ server_version: string }>('SHOW server_version');

  log(`date:        ${new Date().toISOString()}`);
  log(`cores:       ${cpus().length} (${cpus()[0]?.model.trim() ?? 'unknown'})`);
  log(`memory:      ${Math.round(totalmem() / 2 ** 30)} GiB`);
  log(`node:        ${process.version}`);
  log(`postgresql:  ${version.rows[0]?.server_version}`);
  log(`load:        ${loadavg()[0]?.toFixed(2)} (1-minute average, at start)`);
  log(`families:    ${options.families.toLocaleString('en')}, 50 L of heating diesel each`);
  log(
    `load plan:   ${options.concurrency} clients over ${options.stations} stations, ` +
      `${options.quantity} mL a request, ${options.duration} s per side`,
  );
}

async function startService(databaseUrl: string, topicPrefix: string): Promise<AppProcess> {
  const app = new AppProcess({
    env: {
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: serviceAddresses().kafkaBrokers,
      KAFKA_TOPIC_PREFIX: topicPrefix,
      LOG_LEVEL: 'info',
      MIGRATE_ON_START: 'false',
      SWC_NODE_PROJECT: 'apps/fuel-allocation/tsconfig.json',
      TURN_SCHEDULER_INTERVAL_MS: '0',
    },
    logDir: join(REPO_ROOT, '.bitaqa/bench/logs'),
    name: 'fuel-allocation',
    port: await freePort(),
    repoRoot: REPO_ROOT,
  });

  app.start();
  await app.waitUntilHealthy(120_000);

  return app;
}

/** Token lifetime in seconds, so one token per station lasts the whole run. */
const TOKEN_TTL_SECONDS = 3600;

/**
 * Signs a station token (kind station, fuel:redeem, `sta` claim) for each of the first `count`
 * seeded stations with the local platform's key, as the card authority would issue them.
 */
async function stationTokens(
  url: string,
  count: number,
): Promise<{ authorization: string; stationId: string }[]> {
  const reader = await testAuthorization({
    audience: 'fuel-allocation',
    scopes: ['fuel:read'],
    ttlSeconds: TOKEN_TTL_SECONDS,
  });
  const response = await fetch(`${url}/stations`, { headers: { authorization: reader } });

  if (!response.ok) throw new Error(`GET /stations failed with HTTP ${response.status}`);

  const listed = (await response.json()) as { stationId: string }[];

  return Promise.all(
    listed.slice(0, count).map(async ({ stationId }) => ({
      authorization: await testAuthorization({
        audience: 'fuel-allocation',
        kind: 'station',
        scopes: ['fuel:redeem'],
        stationCode: stationId,
        subject: `bench-${stationId}`,
        ttlSeconds: TOKEN_TTL_SECONDS,
      }),
      stationId,
    })),
  );
}

async function ledgerCheck(sql: Client): Promise<{ mismatched: number; redemptions: number }> {
  const { rows } = await sql.query<{ mismatched: number; redemptions: number }>(`
    SELECT (SELECT count(*)::int FROM redemptions) AS redemptions,
           (SELECT count(*)::int FROM quota_accounts a
            WHERE a.balance <> (SELECT COALESCE(sum(e.quantity), 0) FROM ledger_entries e
                                WHERE e.account_id = a.id)) AS mismatched`);

  return rows[0]!;
}

function line(label: string, unit: string, run: RunFigures, extra = ''): string {
  return (
    `${label.padEnd(24)} ${run.perSecond.toFixed(0).padStart(6)} ${unit}  ` +
    `p50 ${run.p50Ms.toFixed(2)} ms  p99 ${run.p99Ms.toFixed(2)} ms${extra}`
  );
}

function statusText(load: LoadResult): string {
  return [...load.statuses.entries()].map(([status, count]) => `${status}: ${count}`).join(', ');
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const database = await createTestDatabase('bench_fuel_redemption', MIGRATIONS_DIR);
  const sql = new Client({ connectionString: database.url });
  const topicPrefix = uniqueTopicPrefix('bench-fuel-redemption');
  let app: AppProcess | undefined;

  await sql.connect();
  await createPrefixedTopics(topicPrefix);

  try {
    await printMachine(sql, options);
    log('starting fuel-allocation');
    app = await startService(database.url, topicPrefix);
    log(`seeding ${options.families} families`);
    // After start: the first start publishes the policies and marks every family for refresh.
    await seedFamilies(sql, options.families, TIME_ZONE);

    const stations = await stationTokens(app.baseUrl, options.stations);

    log('driving POST /redemptions (3 s warm-up)');
    const load = await driveRedemptions({
      concurrency: options.concurrency,
      durationSeconds: options.duration,
      families: options.families,
      onProgress: log,
      quantity: options.quantity,
      stations,
      url: app.baseUrl,
      warmupSeconds: 3,
    });
    const service = figures(load.latenciesMs, load.seconds);
    const afterService = await ledgerCheck(sql);

    await app.stop();
    app = undefined;
    log('running pgbench with the same debit (3 s warm-up)');
    const raw = await pgbenchDebits(
      { ...options, databaseUrl: database.url, durationSeconds: options.duration },
      cpus().length,
      log,
    );
    const afterAll = await ledgerCheck(sql);

    log(`load:        ${loadavg()[0]?.toFixed(2)} (1-minute average, at end)`);
    log('');
    log('results');
    log(line('POST /redemptions', 'req/s', service, `  (${statusText(load)})`));
    log(line('pgbench debit', 'tx/s ', raw));
    log(
      `service / pgbench        ${(service.perSecond / raw.perSecond).toFixed(3)} of the throughput, ` +
        `p50 ${(service.p50Ms / raw.p50Ms).toFixed(1)}x`,
    );
    log(
      `ledger                   ${afterService.redemptions} service redemptions, ` +
        `${afterAll.redemptions} in all, ${afterAll.mismatched} accounts off their ledger`,
    );
  } finally {
    await app?.stop();
    await sql.end();
    await deletePrefixedTopics(topicPrefix);
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
