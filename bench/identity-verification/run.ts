import { seedBenchDatabase } from './bench-database';
import { runLoad } from './load';
import { printLoad, printMachine } from './machine';
import { benchOptions } from './options';
import { NATIONAL_NUMBER_SQL, randomNationalNumberScript, runPgbench } from './pgbench';
import { benchAgency, startRegistry } from './registry-app';
import { formatMs, summarize } from './stats';
import { personAt } from './synthetic-people';

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

  const registry = await startRegistry(url);
  let http;

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
    http = await runLoad({ ...load, durationMs: options.durationSeconds * 1000, label: 'http' });
  } finally {
    await registry.stop();
  }

  const number = randomNationalNumberScript(options.rows);

  console.log('measuring the lookup as SQL through pgbench');
  const select = await runPgbench(
    url,
    `${number}\nSELECT * FROM identities WHERE national_number = ${NATIONAL_NUMBER_SQL};`,
    options.concurrency,
    options.durationSeconds,
  );

  console.log('measuring the lookup and its log insert as SQL through pgbench');
  const selectInsert = await runPgbench(
    url,
    `${number}
SELECT * FROM identities WHERE national_number = ${NATIONAL_NUMBER_SQL};
INSERT INTO identity_lookups (national_number, kind, purpose, attributes_requested, outcome)
  VALUES (${NATIONAL_NUMBER_SQL}, 'verification', 'account-opening', '{birthDate,givenNameAr}', 'matched');`,
    options.concurrency,
    options.durationSeconds,
  );

  const latency = summarize(http.latenciesMs);
  const ok = http.statuses.get(200) ?? 0;
  const throughput = ok / (http.elapsedMs / 1000);
  const statuses = [...http.statuses].map(([status, count]) => `${status}: ${count}`).join(', ');

  printLoad('at end');
  console.log('\nresults');
  console.log(
    `POST /verifications      ${throughput.toFixed(0).padStart(7)} req/s  p50 ${formatMs(latency.p50Ms)}  p99 ${formatMs(latency.p99Ms)}  (${statuses}; ${http.errors} errors)`,
  );
  console.log(
    `pgbench SELECT           ${select.tps.toFixed(0).padStart(7)} tx/s   p50 ${formatMs(select.p50Ms)}  p99 ${formatMs(select.p99Ms)}`,
  );
  console.log(
    `pgbench SELECT + INSERT  ${selectInsert.tps.toFixed(0).padStart(7)} tx/s   p50 ${formatMs(selectInsert.p50Ms)}  p99 ${formatMs(selectInsert.p99Ms)}`,
  );
  console.log(
    `ratio HTTP / SELECT:          ${(throughput / select.tps).toFixed(3)} of raw throughput`,
  );
  console.log(
    `ratio HTTP / SELECT + INSERT: ${(throughput / selectInsert.tps).toFixed(3)} of raw throughput`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
