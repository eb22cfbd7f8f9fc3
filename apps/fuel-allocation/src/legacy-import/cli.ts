import 'reflect-metadata';

import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';

import pino from 'pino';

import { applyMigrations, ensureDatabase } from '@bitaqa/db';
import { createLogger, errorFields, type Logger } from '@bitaqa/observability';

import type { FuelAllocationConfig } from '../config';
import { PrismaService } from '../infrastructure/prisma.service';

import { DEFAULT_BATCH_SIZE, LegacyImportRunner } from './legacy-import.runner';
import { createImport, findImport, rejectionCsv } from './legacy-import.store';

const USAGE = `usage: node -r @swc-node/register apps/fuel-allocation/src/legacy-import/cli.ts \\
  --file <cards.csv> [--report <rejections.csv>] [--batch-size <lines>]

Imports the oil ministry's legacy family and vehicle cards into the database named by
DATABASE_URL, matching holders to the families this service holds. Running it again on the
same file stores nothing twice.

  --file        CSV file: legacy_card_number,kind,national_number,plate,vehicle_class,governorate,issue_date
  --report      write the lines that were not applied, with their reason, to this CSV file
  --batch-size  lines per transaction (default ${DEFAULT_BATCH_SIZE})

Logs progress as JSON lines on stderr and prints the run's summary as JSON on stdout. Exits 0
when the import completed, 1 when it failed, 2 on bad options.`;

const MIGRATIONS_DIR = join(__dirname, '..', '..', 'prisma', 'migrations');

class UsageError extends Error {}

function readOptions(): { batchSize: number; file: string; report?: string } {
  const { values } = parseArgs({
    options: {
      'batch-size': { type: 'string' },
      file: { type: 'string' },
      help: { type: 'boolean' },
      report: { type: 'string' },
    },
  });

  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (!values.file) throw new UsageError('--file is required');

  const batchSize = Number(values['batch-size'] ?? DEFAULT_BATCH_SIZE);

  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000) {
    throw new UsageError(
      `--batch-size must be a whole number from 1 to 50000, got ${values['batch-size']}`,
    );
  }

  return { batchSize, file: resolve(values.file), report: values.report };
}

/** Returns a check that turns true after SIGINT or SIGTERM, so the run stops between batches. */
function onStopSignal(logger: Logger): () => boolean {
  let requested = false;
  const stop = () => {
    logger.info({}, 'stop requested; the import stops before the next batch');
    requested = true;
  };

  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  return () => requested;
}

async function main(): Promise<number> {
  const options = readOptions();
  const databaseUrl = process.env.DATABASE_URL;

  if (!databaseUrl || !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new UsageError('DATABASE_URL must name the fuel-allocation PostgreSQL database');
  }
  if (!(await stat(options.file).catch(() => undefined))?.isFile()) {
    throw new UsageError(`no file ${options.file}`);
  }

  const logger = createLogger(
    'fuel-legacy-import',
    process.env.LOG_LEVEL ?? 'info',
    pino.destination(2),
  );

  await ensureDatabase(databaseUrl);
  await applyMigrations(databaseUrl, MIGRATIONS_DIR, logger);

  // PrismaService reads only the connection settings from the service configuration.
  const prisma = new PrismaService({
    databasePoolSize: 2,
    databaseUrl,
    transactionTimeoutMs: 120_000,
  } as FuelAllocationConfig);
  const stopRequested = onStopSignal(logger);

  try {
    const importId = await createImport(prisma, options.file, new Date());

    await new LegacyImportRunner({ logger, now: () => new Date(), prisma }).run(
      importId,
      options.file,
      {
        batchSize: options.batchSize,
        stopRequested,
      },
    );
    if (options.report) {
      await pipeline(
        Readable.from(rejectionCsv(prisma, importId)),
        createWriteStream(options.report),
      );
    }

    const summary = await findImport(prisma, importId);

    process.stdout.write(`${JSON.stringify(summary)}\n`);

    return summary?.status === 'completed' ? 0 : 1;
  } finally {
    await prisma.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${USAGE}\n`);
      process.exit(2);
    }
    process.stderr.write(
      `${JSON.stringify({ err: errorFields(error), msg: 'legacy import failed' })}\n`,
    );
    process.exit(1);
  },
);
