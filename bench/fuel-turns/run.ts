/**
 * Times one turn scheduling run of fuel-allocation and the operator's queue view against plain
 * SQL doing the bare database work. Run `bash bench/fuel-turns/run.sh [--families 5000]
 * [--capacity 2000]` after `bash infra/up.sh`; README.md next to this file lists the figures.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

import { Client } from 'pg';

import { createLogger } from '@bitaqa/observability';
import {
  createPrefixedTopics,
  createTestDatabase,
  deletePrefixedTopics,
  serviceAddresses,
  testAuthorization,
  testTokenSource,
  uniqueTopicPrefix,
} from '@bitaqa/testing';

import { bootstrap, MIGRATIONS_DIR } from '../../apps/fuel-allocation/src/bootstrap';
import { calendarDayOf } from '../../apps/fuel-allocation/src/calendar/calendar-day';
import { DEFAULT_TURN_SETTINGS } from '../../apps/fuel-allocation/src/turns/turn-settings';

import { seedQueue } from './seed';

const DISTRIBUTOR_ID = 'DS-SY01-BENCH';

/** Rows of the operator view timed at the far end of the remaining queue. */
const VIEW_ROWS = 500;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;

  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`--${name} must be a positive whole number, for example --${name} ${fallback}`);
  }

  return value;
}

/** Authorization header of a fuel programme officer, whose token lasts the whole run. */
function operatorAuthorization(): Promise<string> {
  return testAuthorization({
    audience: 'fuel-allocation',
    scopes: ['fuel:operate', 'fuel:read'],
    ttlSeconds: 3600,
  });
}

/**
 * Starts an HTTP server that accepts every SMS notice at once, standing in for the registry. It
 * does not check the token, so the run times fuel-allocation's side only.
 */
async function startRegistryStub(): Promise<{ calls: () => number; server: Server; url: string }> {
  let calls = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      calls += 1;
      response.writeHead(202, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ notificationId: `n-${calls}`, status: 'queued' }));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const port = (server.address() as AddressInfo).port;

  return { calls: () => calls, server, url: `http://127.0.0.1:${port}` };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();

  return { ms: performance.now() - started, result };
}

/** Times the bare database work of a run: one statement moving the queue's head to `notified`. */
async function rawSchedule(sql: Client, capacity: number): Promise<number> {
  await sql.query('BEGIN');

  const { ms } = await timed(() =>
    sql.query(
      `UPDATE turns SET status = 'notified', quantity = 1, scheduled_at = now(),
              window_date = current_date + 1, window_start = now() + interval '1 day',
              window_end = now() + interval '1 day 2 hours', notice_status = 'queued'
       WHERE id IN (SELECT id FROM turns WHERE status = 'waiting'
                    ORDER BY enqueued_at, seq LIMIT $1)`,
      [capacity],
    ),
  );

  await sql.query('ROLLBACK');

  return ms;
}

/** Times the operator view page with one position count per listed turn, done in SQL alone. */
async function countPerRowView(sql: Client, offset: number): Promise<number> {
  const { ms } = await timed(() =>
    sql.query(
      `SELECT t.id, (SELECT count(*) FROM turns w
                     WHERE w.distributor_id = t.distributor_id AND w.product_code = t.product_code
                       AND w.status = 'waiting'
                       AND (w.enqueued_at, w.seq) <= (t.enqueued_at, t.seq)) AS position
       FROM turns t WHERE t.distributor_id = $1 AND t.status = 'waiting'
       ORDER BY t.product_code, t.enqueued_at, t.seq LIMIT $2 OFFSET $3`,
      [DISTRIBUTOR_ID, VIEW_ROWS, offset],
    ),
  );

  return ms;
}

async function postJson(url: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    body: JSON.stringify(body),
    headers: { authorization: await operatorAuthorization(), 'content-type': 'application/json' },
    method: 'POST',
  });
  const parsed = (await response.json()) as Record<string, unknown>;

  if (!response.ok) throw new Error(`POST ${url} failed: ${JSON.stringify(parsed)}`);

  return parsed;
}

function printSetup(families: number, capacity: number): void {
  console.log(`date:      ${new Date().toISOString()}`);
  console.log(`cores:     ${cpus().length} (${cpus()[0]?.model.trim() ?? 'unknown model'})`);
  console.log(`load:      ${loadavg()[0]?.toFixed(2)} (1-minute average at start)`);
  console.log(`node:      ${process.version}`);
  console.log(`queue:     ${families} waiting gas-cylinder turns, daily capacity ${capacity}`);
}

async function main(): Promise<void> {
  const families = option('families', 5000);
  const capacity = option('capacity', 2000);
  const database = await createTestDatabase('bench_turns', MIGRATIONS_DIR);
  const prefix = uniqueTopicPrefix('bench-turns');
  const registry = await startRegistryStub();

  printSetup(families, capacity);
  await createPrefixedTopics(prefix);

  const service = await bootstrap(
    {
      databasePoolSize: 10,
      databaseUrl: database.url,
      identityRegistryUrl: registry.url,
      kafkaBrokers: serviceAddresses().kafkaBrokers,
      kafkaTopicPrefix: prefix,
      logLevel: 'warn',
      migrateOnStart: false,
      port: 0,
      timeZone: 'Asia/Damascus',
      transactionTimeoutMs: 60_000,
      turns: { ...DEFAULT_TURN_SETTINGS, schedulerIntervalMs: 0 },
    },
    {
      identityRegistryTokens: await testTokenSource({
        audience: 'identity-registry',
        kind: 'app',
        scopes: ['identity:notify'],
        serviceId: 'fuel-allocation',
        subject: 'fuel-allocation',
      }),
      logger: createLogger('fuel-allocation', process.env.BENCH_LOG_LEVEL ?? 'warn'),
    },
  );
  const sql = new Client({ connectionString: database.url });

  await sql.connect();
  try {
    await postJson(`${service.url}/distributors`, {
      distributorId: DISTRIBUTOR_ID,
      governorate: 'SY01',
      name: 'معتمد الغاز للقياس',
      products: [{ dailyCapacity: capacity, productCode: 'gas-cylinder' }],
      stationId: 'ST-SY01-001',
    });
    console.log('seeding ...');
    await seedQueue(
      database.url,
      families,
      DISTRIBUTOR_ID,
      calendarDayOf(new Date(), 'Asia/Damascus'),
    );
    await sql.query('ANALYZE');

    const rawMs = await rawSchedule(sql, capacity);

    console.log('scheduling through the service ...');

    const run = await timed(() =>
      postJson(`${service.url}/distributors/${DISTRIBUTOR_ID}/schedule`, {}),
    );
    const scheduled = (run.result.products as { scheduled: number }[])[0]?.scheduled ?? 0;

    console.log('');
    console.log(`raw UPDATE of ${capacity} turns:          ${rawMs.toFixed(0)} ms`);
    console.log(
      `service run, ${scheduled} turns + ${registry.calls()} notices: ${run.ms.toFixed(0)} ms ` +
        `(${((scheduled / run.ms) * 1000).toFixed(0)} turns/s, ${(run.ms / rawMs).toFixed(1)}x raw)`,
    );

    const offset = Math.max(0, families - scheduled - VIEW_ROWS);
    const authorization = await operatorAuthorization();
    const view = await timed(() =>
      fetch(
        `${service.url}/distributors/${DISTRIBUTOR_ID}/turns?status=waiting&limit=${VIEW_ROWS}&offset=${offset}`,
        { headers: { authorization } },
      ).then((response) => response.json()),
    );
    const perRowMs = await countPerRowView(sql, offset);

    console.log(
      `operator view, ${VIEW_ROWS} rows at offset ${offset}: ${view.ms.toFixed(0)} ms over HTTP; ` +
        `count per row in SQL alone: ${perRowMs.toFixed(0)} ms (${(perRowMs / view.ms).toFixed(1)}x)`,
    );
  } finally {
    await sql.end();
    await service.close();
    await deletePrefixedTopics(prefix);
    await database.drop();
    registry.server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
