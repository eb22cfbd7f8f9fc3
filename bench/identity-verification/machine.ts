import { cpus, loadavg, totalmem } from 'node:os';

import { Client } from 'pg';

/** Prints what the figures were measured on. */
export async function printMachine(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });

  await client.connect();

  const version = await client.query<{ server_version: string }>('SHOW server_version');

  await client.end();

  const processors = cpus();

  console.log(`date:        ${new Date().toISOString()}`);
  console.log(
    `cores:       ${processors.length} (${processors[0]?.model.trim() ?? 'unknown model'})`,
  );
  console.log(`memory:      ${Math.round(totalmem() / 2 ** 30)} GiB`);
  console.log(`node:        ${process.version}`);
  console.log(`postgresql:  ${version.rows[0]?.server_version ?? 'unknown'}`);
  printLoad('at start');
}

/**
 * Prints the 1-minute load average. Other work on the machine competes for the same cores, so
 * a load above the core count means the figures are low.
 */
export function printLoad(when: string): void {
  console.log(`load:        ${loadavg()[0]?.toFixed(2)} (1-minute average, ${when})`);
}
