import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { withDatabaseName } from '@bitaqa/db';

import { timeCopies } from './copy-baseline';
import { runCommand, runTypeScript } from './processes';

const USAGE = `usage: bash bench/civil-import/run.sh [--persons <count>] [--seed <n>] [--batch-size <lines>] [--keep]

Generates a register of at least <count> persons (default 2000000) with their family books as
CSV, imports it with the civil-records bulk import CLI into a fresh database, then copies the
same files with psql \\copy into plain tables, and prints persons per second of both and their
ratio. --keep keeps the database bench_civil_import afterwards. Files are cached under
tmp/bench-civil-import.`;

interface BenchOptions {
  batchSize: number;
  keep: boolean;
  persons: number;
  seed: number;
}

interface ImportFigures {
  familiesSeconds: number;
  job: { eventsEnqueued: number; families: FileFigures; persons: FileFigures; status: string };
  personsSeconds: number;
  seconds: number;
}

interface FileFigures {
  accepted: number;
  read: number;
  rejected: number;
}

function readOptions(): BenchOptions {
  const { values } = parseArgs({
    options: {
      'batch-size': { type: 'string' },
      help: { type: 'boolean' },
      keep: { type: 'boolean' },
      persons: { type: 'string' },
      seed: { type: 'string' },
    },
  });

  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }

  const options = {
    batchSize: Number(values['batch-size'] ?? 5000),
    keep: values.keep ?? false,
    persons: Number(values.persons ?? 2_000_000),
    seed: Number(values.seed ?? 42),
  };

  for (const [name, value] of Object.entries(options)) {
    if (typeof value === 'number' && (!Number.isInteger(value) || value < 1)) {
      throw new Error(`--${name} must be a positive whole number\n${USAGE}`);
    }
  }

  return options;
}

async function printMachine(postgresUrl: string): Promise<void> {
  const processors = cpus();
  const version = await runCommand('psql', [postgresUrl, '-Atc', 'SHOW server_version']);

  console.log(`date:        ${new Date().toISOString()}`);
  console.log(
    `cores:       ${processors.length} (${processors[0]?.model.trim() ?? 'unknown model'})`,
  );
  console.log(`memory:      ${Math.round(totalmem() / 2 ** 30)} GiB`);
  console.log(`node:        ${process.version}`);
  console.log(`postgresql:  ${version.stdout.trim()}`);
  printLoad('at start');
}

/** Load above the core count means other work shared the cores and the figures are low. */
function printLoad(when: string): void {
  console.log(`load:        ${loadavg()[0]?.toFixed(2)} (1-minute average, ${when})`);
}

/** Generates the CSV files unless a finished run with the same size and seed left them. */
async function generate(
  options: BenchOptions,
): Promise<{ dir: string; families: number; persons: number }> {
  const dir = resolve('tmp/bench-civil-import', `${options.persons}-${options.seed}`);
  const manifest = join(dir, 'counts.json');

  if (!existsSync(manifest)) {
    const { seconds, stdout } = await runTypeScript(
      'tools/population/generate-csv.ts',
      ['--persons', String(options.persons), '--seed', String(options.seed), '--out', dir],
      { onLine: (line) => line.startsWith('generated') && console.log(`  ${line}`) },
    );
    const { counts } = JSON.parse(stdout) as { counts: object };

    console.log(`generated in ${seconds.toFixed(1)} s`);
    writeFileSync(manifest, JSON.stringify(counts));
  }

  const counts = JSON.parse(readFileSync(manifest, 'utf8')) as {
    families: number;
    persons: number;
  };

  return { dir, ...counts };
}

/** Prints a short line for each progress log of the import CLI. */
function showProgress(line: string, phaseEnds: Map<string, number>): void {
  if (!line.startsWith('{')) return;

  const entry = JSON.parse(line) as Record<string, unknown>;

  if (entry.msg === 'import file finished') phaseEnds.set(String(entry.file), performance.now());
  if (entry.msg !== 'import progress' && entry.msg !== 'import file finished') return;

  console.log(
    `  ${entry.file} ${String(entry.percent).padStart(5)}%  read ${entry.read}  rejected ${entry.rejected}  ${entry.recordsPerSecond}/s`,
  );
}

async function runImport(
  databaseUrl: string,
  dir: string,
  batchSize: number,
): Promise<ImportFigures> {
  const phaseEnds = new Map<string, number>();
  const started = performance.now();
  const { seconds, stdout } = await runTypeScript(
    'apps/civil-records/src/bulk-import/cli.ts',
    [
      '--persons',
      join(dir, 'persons.csv'),
      '--families',
      join(dir, 'families.csv'),
      '--batch-size',
      String(batchSize),
    ],
    { env: { DATABASE_URL: databaseUrl }, onLine: (line) => showProgress(line, phaseEnds) },
  );
  const personsEnd = phaseEnds.get('persons') ?? started;

  return {
    familiesSeconds: ((phaseEnds.get('families') ?? personsEnd) - personsEnd) / 1000,
    job: JSON.parse(stdout) as ImportFigures['job'],
    personsSeconds: (personsEnd - started) / 1000,
    seconds,
  };
}

function rate(count: number, seconds: number): string {
  return `${Math.round(count / seconds).toLocaleString('en-US')}/s`;
}

async function main(): Promise<void> {
  const options = readOptions();
  const postgresUrl = process.env.POSTGRES_URL;

  if (!postgresUrl)
    throw new Error('POSTGRES_URL is not set; run bash infra/up.sh and source .bitaqa/env');

  const databaseUrl = withDatabaseName(postgresUrl, 'bench_civil_import');

  await printMachine(postgresUrl);
  console.log(`\n1. generating at least ${options.persons} persons (seed ${options.seed})`);

  const generated = await generate(options);
  const files = {
    families: join(generated.dir, 'families.csv'),
    persons: join(generated.dir, 'persons.csv'),
  };
  const familyLines =
    Number((await runCommand('wc', ['-l', files.families])).stdout.trim().split(' ')[0]) - 1;

  console.log(
    `persons ${generated.persons}, families ${generated.families} (${familyLines} lines); ` +
      `persons.csv ${Math.round(statSync(files.persons).size / 2 ** 20)} MiB, families.csv ${Math.round(statSync(files.families).size / 2 ** 20)} MiB`,
  );

  await runCommand('psql', [postgresUrl, '-qc', 'DROP DATABASE IF EXISTS bench_civil_import']);
  console.log(`\n2. importing with the bulk import CLI (batches of ${options.batchSize} lines)`);

  const imported = await runImport(databaseUrl, generated.dir, options.batchSize);

  if (imported.job.status !== 'completed' || imported.job.persons.accepted !== generated.persons) {
    throw new Error(`the import did not take every person: ${JSON.stringify(imported.job)}`);
  }

  console.log('\n3. copying the same files with psql \\copy');

  const copies = await timeCopies(databaseUrl, files);

  printLoad('at end');
  printResults(generated.persons, familyLines, imported, copies);
  if (!options.keep)
    await runCommand('psql', [postgresUrl, '-qc', 'DROP DATABASE bench_civil_import']);
}

function printResults(
  persons: number,
  familyLines: number,
  imported: ImportFigures,
  copies: Awaited<ReturnType<typeof timeCopies>>,
): void {
  const importRate = persons / imported.personsSeconds;
  const copyRate = persons / copies.persons;

  console.log('\nresults');
  console.log(
    `  import, persons file:     ${imported.personsSeconds.toFixed(1)} s, ${rate(persons, imported.personsSeconds)} persons (events ${imported.job.eventsEnqueued} in total)`,
  );
  console.log(
    `  import, families file:    ${imported.familiesSeconds.toFixed(1)} s, ${rate(familyLines, imported.familiesSeconds)} family lines`,
  );
  console.log(
    `  import, whole run:        ${imported.seconds.toFixed(1)} s, ${rate(persons, imported.seconds)} persons`,
  );
  console.log(
    `  COPY persons, plain:      ${copies.persons.toFixed(1)} s, ${rate(persons, copies.persons)} rows`,
  );
  console.log(
    `  COPY persons, indexed:    ${copies.personsIndexed.toFixed(1)} s, ${rate(persons, copies.personsIndexed)} rows`,
  );
  console.log(
    `  COPY family lines, plain: ${copies.families.toFixed(1)} s, ${rate(familyLines, copies.families)} rows`,
  );
  console.log(
    `  ratio: plain COPY of persons is ${(copyRate / importRate).toFixed(1)}x the import's persons per second`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
