import 'reflect-metadata';

import { createWriteStream } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';

import pino from 'pino';

import { applyMigrations, ensureDatabase } from '@bitaqa/db';
import { ApiError } from '@bitaqa/http';
import { createLogger, errorFields, type Logger } from '@bitaqa/observability';

import type { CivilRecordsConfig } from '../config';
import { Clock } from '../infrastructure/clock';
import { PrismaService } from '../infrastructure/prisma.service';

import { DEFAULT_BATCH_SIZE } from './dto/import-job.dto';
import { inspectImportFiles } from './job/job-input';
import { createJob, findJob, findUnfinishedJob } from './job/job-store';
import type { ImportJob } from './job/job-types';
import { toJobView } from './job/job-view';
import { rejectReport } from './reject-report';
import { ImportRunner, type StopSignal } from './runner/import-runner';

const USAGE = `usage: node -r @swc-node/register apps/civil-records/src/bulk-import/cli.ts \\
  --persons <file> [--families <file>] [--batch-size <lines>] [--rejects <file>] [--resume <id>]

Imports the existing civil register from CSV files into the database named by DATABASE_URL.
Running the same command again resumes an unfinished import of the same files.

  --persons     persons CSV file
  --families    families CSV file, read after the persons file
  --batch-size  lines per transaction (default ${DEFAULT_BATCH_SIZE}; a family is never split)
  --rejects     write the reject report (CSV) to this file at the end
  --resume      resume the import with this id, whatever files were given

Logs progress as JSON lines on stderr and prints the job as JSON on stdout. Exits 0 when the
import completed, 1 when it failed or stopped, 2 on bad options.`;

interface CliOptions {
  batchSize: number;
  families?: string;
  persons?: string;
  rejects?: string;
  resume?: string;
}

class UsageError extends Error {}

function readOptions(): CliOptions {
  const { values } = parseArgs({
    options: {
      'batch-size': { type: 'string' },
      families: { type: 'string' },
      help: { type: 'boolean' },
      persons: { type: 'string' },
      rejects: { type: 'string' },
      resume: { type: 'string' },
    },
  });

  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }

  const batchSize = Number(values['batch-size'] ?? DEFAULT_BATCH_SIZE);

  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000) {
    throw new UsageError(
      `--batch-size must be a whole number from 1 to 50000, got ${values['batch-size']}`,
    );
  }
  if (values.resume !== undefined && !/^[1-9]\d{0,17}$/.test(values.resume)) {
    throw new UsageError(`--resume must be an import id, got ${values.resume}`);
  }
  if (values.resume === undefined && values.persons === undefined) {
    throw new UsageError('--persons is required unless --resume names an import');
  }

  return { ...values, batchSize };
}

/** Finds the job to run: the one named by --resume, an unfinished one over the same files, or a new one. */
async function chooseJob(
  prisma: PrismaService,
  options: CliOptions,
  logger: Logger,
  recordedBy: string,
): Promise<ImportJob> {
  if (options.resume !== undefined) {
    const job = await findJob(prisma, options.resume);

    if (!job) throw new UsageError(`no import with id ${options.resume}`);

    return job;
  }

  const files = await inspectImportFiles(
    { familiesPath: options.families, personsPath: options.persons as string },
    { baseDir: process.cwd() },
  );
  const unfinished = await findUnfinishedJob(prisma, files);

  if (unfinished) {
    logger.info({ jobId: unfinished.id, status: unfinished.status }, 'resuming unfinished import');

    return unfinished;
  }

  return createJob(prisma, options.batchSize, files, recordedBy);
}

/**
 * Returns `import-cli:<user>` for the operating system user. The command line writes to the
 * database without an access token, so no client id is available.
 */
function cliRecordedBy(): string {
  return `import-cli:${userInfo().username}`;
}

async function writeRejects(prisma: PrismaService, jobId: string, path: string): Promise<void> {
  await pipeline(Readable.from(rejectReport(prisma, jobId)), createWriteStream(path));
}

async function main(): Promise<number> {
  const options = readOptions();
  const databaseUrl = process.env.DATABASE_URL;

  if (!databaseUrl || !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new UsageError(
      'DATABASE_URL must be a PostgreSQL URL, such as postgresql://postgres@127.0.0.1:5432/bitaqa_civil_records',
    );
  }

  const logger = createLogger(
    'civil-records-import',
    process.env.LOG_LEVEL ?? 'info',
    pino.destination(2),
  );

  await ensureDatabase(databaseUrl);
  await applyMigrations(databaseUrl, join(__dirname, '..', '..', 'prisma', 'migrations'), logger);

  // PrismaService reads only the database URL from the service configuration.
  const prisma = new PrismaService({ databaseUrl } as CivilRecordsConfig);
  const recordedBy = cliRecordedBy();
  const signal: StopSignal = { stopRequested: false };
  const stop = (): void => {
    logger.info({}, 'stop requested; finishing the current batch');
    signal.stopRequested = true;
  };

  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  try {
    const job = await chooseJob(prisma, options, logger, recordedBy);
    const clock = new Clock();
    const runner = new ImportRunner({ logger, prisma, recordedBy, today: () => clock.today() });
    const finished = await runner.run(job.id, signal);

    if (options.rejects !== undefined) await writeRejects(prisma, job.id, options.rejects);
    process.stdout.write(`${JSON.stringify(toJobView(finished))}\n`);

    return finished.status === 'completed' ? 0 : 1;
  } finally {
    await prisma.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof ApiError) {
      process.stderr.write(`${error.message}\n${error instanceof UsageError ? USAGE : ''}\n`);
      process.exit(2);
    }
    process.stderr.write(`${JSON.stringify({ err: errorFields(error), msg: 'import failed' })}\n`);
    process.exit(1);
  },
);
