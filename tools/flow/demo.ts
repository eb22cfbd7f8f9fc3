import 'reflect-metadata';

import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { APP_NAMES, APPS } from './src/app-catalogue';
import { resetPlatformState } from './src/reset';
import { runFlow } from './src/run-flow';
import { formatSummary } from './src/summary';
import { serviceAddresses } from '@bitaqa/testing';

const USAGE = `Usage: node -r @swc-node/register tools/flow/demo.ts [options]
  --families N   families in the sample population (default 10000)
  --sales N      cards served one gas cylinder at the station (default 300)
  --deaths N     card holders whose death is registered after issue (default 10)
  --seed N       population seed (default 42)
  --keep         keep databases and topics from the last run instead of starting clean`;

function positiveInteger(name: string, text: string | undefined, fallback: number): number {
  const value = text === undefined ? fallback : Number(text);

  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`--${name} must be a whole number, got ${text}\n${USAGE}`);
  }

  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      deaths: { type: 'string' },
      families: { type: 'string' },
      help: { type: 'boolean' },
      keep: { type: 'boolean' },
      sales: { type: 'string' },
      seed: { type: 'string' },
    },
  });

  if (values.help) {
    console.log(USAGE);

    return;
  }

  const repoRoot = resolve(__dirname, '../..');
  const state = join(repoRoot, '.bitaqa', 'demo');
  const services = serviceAddresses();
  const families = positiveInteger('families', values.families, 10_000);
  const stationId = 'ST-SY01-001';
  const started = Date.now();
  const log = (line: string): void =>
    console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

  if (!values.keep) {
    log('resetting the app databases, topics and station cache');
    await resetPlatformState(services, join(state, 'station'));
  }

  const result = await runFlow({
    agencyServiceId: 'flow-bank',
    deathsAfterIssue: positiveInteger('deaths', values.deaths, 10),
    documentsDir: join(state, 'documents'),
    families,
    onProgress: log,
    platform: {
      clientsFile: join(state, 'bootstrap-clients.json'),
      kafkaBrokers: services.kafkaBrokers,
      logDir: join(state, 'logs'),
      postgresUrl: services.postgresUrl,
      redisUrl: services.redisUrl,
      repoRoot,
      stationDir: join(state, 'station'),
      stationId,
      topicPrefix: '',
      vpcdPort: services.vpcdPort,
    },
    populationDir: join(state, `population-${families}`),
    sales: positiveInteger('sales', values.sales, 300),
    seed: positiveInteger('seed', values.seed, 42),
    vpcdHost: services.vpcdHost,
  });

  console.log(formatSummary(result, Date.now() - started).join('\n'));
  console.log(
    `\napp logs: ${join(state, 'logs')} (${APP_NAMES.map((app) => `${app} :${APPS[app].port}`).join(', ')})`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
