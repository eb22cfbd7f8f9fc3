import 'reflect-metadata';

import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';

import pino from 'pino';

import { createLogger, errorFields } from '@bitaqa/observability';
import { ApiError } from '@bitaqa/http';

import { CatalogueService } from '../catalogue/catalogue.service';
import type { FuelAllocationConfig } from '../config';
import { PrismaService } from '../infrastructure/prisma.service';

import { whatIfTable } from './what-if-table';
import { draftPolicy } from './what-if.schemas';
import { WhatIfService } from './what-if.service';

const USAGE = `usage: node -r @swc-node/register apps/fuel-allocation/src/what-if/cli.ts \\
  --policy <draft.json> [--json]

Compares a draft policy version with the version in force on its effective date, over the
families and vehicles in the database named by DATABASE_URL, and prints one row per
governorate. Writes nothing. --json prints the report as JSON instead of a table.
Exits 0 on success, 1 on a database error, 2 on bad options or a bad draft.`;

class UsageError extends Error {}

async function readDraft(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    throw new UsageError(`cannot read the draft ${path}: ${(error as Error).message}`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { help: { type: 'boolean' }, json: { type: 'boolean' }, policy: { type: 'string' } },
  });

  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  if (!values.policy) throw new UsageError('--policy is required');

  const parsed = draftPolicy.safeParse(await readDraft(values.policy));

  if (!parsed.success) {
    const issue = parsed.error.issues[0];

    throw new UsageError(`invalid draft: ${issue?.path.join('.')}: ${issue?.message}`);
  }

  const databaseUrl = process.env.DATABASE_URL;

  if (!databaseUrl || !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new UsageError('DATABASE_URL must name the fuel-allocation PostgreSQL database');
  }

  const logger = createLogger('fuel-what-if', process.env.LOG_LEVEL ?? 'warn', pino.destination(2));
  // PrismaService reads only the connection settings from the service configuration.
  const prisma = new PrismaService({
    databasePoolSize: 2,
    databaseUrl,
    transactionTimeoutMs: 60_000,
  } as FuelAllocationConfig);

  try {
    const catalogue = new CatalogueService(prisma);

    await catalogue.reload();

    const report = await new WhatIfService(catalogue, logger, prisma).compare(parsed.data);

    process.stdout.write(`${values.json ? JSON.stringify(report) : whatIfTable(report)}\n`);
  } finally {
    await prisma.$disconnect();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof ApiError) {
      process.stderr.write(`${error.message}\n${error instanceof UsageError ? USAGE : ''}\n`);
      process.exit(2);
    }
    process.stderr.write(`${JSON.stringify({ err: errorFields(error), msg: 'what-if failed' })}\n`);
    process.exit(1);
  },
);
