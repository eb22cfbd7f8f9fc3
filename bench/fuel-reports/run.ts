/**
 * Times the fuel-allocation policy what-if and the operator reports on a synthetic population
 * against raw scans of the same tables, and lists the tables each report reads by sequential
 * scan. Run `bash bench/fuel-reports/run.sh [--families 200000]` after `bash infra/up.sh`;
 * README.md next to this file lists the figures of a run.
 */
import { performance } from 'node:perf_hooks';

import { Client } from 'pg';

import { createLogger } from '@bitaqa/observability';
import { createTestDatabase } from '@bitaqa/testing';

import { MIGRATIONS_DIR } from '../../apps/fuel-allocation/src/bootstrap';
import { addDays, calendarDayOf } from '../../apps/fuel-allocation/src/calendar/calendar-day';
import { systemClock } from '../../apps/fuel-allocation/src/calendar/clock';
import { CatalogueService } from '../../apps/fuel-allocation/src/catalogue/catalogue.service';
import type { FuelAllocationConfig } from '../../apps/fuel-allocation/src/config';
import { CalendarService } from '../../apps/fuel-allocation/src/infrastructure/calendar.service';
import { PrismaService } from '../../apps/fuel-allocation/src/infrastructure/prisma.service';
import { ExclusionReportService } from '../../apps/fuel-allocation/src/reports/exclusion-report.service';
import { FarApartReportService } from '../../apps/fuel-allocation/src/reports/far-apart-report.service';
import {
  exclusionQuery,
  farApartQuery,
  spendQuery,
} from '../../apps/fuel-allocation/src/reports/report.schemas';
import { SpendReportService } from '../../apps/fuel-allocation/src/reports/spend-report.service';
import { draftPolicy } from '../../apps/fuel-allocation/src/what-if/what-if.schemas';
import { WhatIfService } from '../../apps/fuel-allocation/src/what-if/what-if.service';
import { printLoad, printMachine } from '../identity-verification/machine';

import { benchImport } from './import-case';
import { analyzingPrisma, explainingPrisma, sequentialScans } from './plans';
import { seedPopulation } from './seed';

const TIME_ZONE = 'Asia/Damascus';

/** Living members per family, the aggregate any family report needs; the floor for them. */
const LIVING_PER_FAMILY = `SELECT count(*) FROM (SELECT family_id, count(*) FROM family_members
                           WHERE alive GROUP BY family_id) AS living`;

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;

  if (!Number.isInteger(value) || value < 1000) {
    throw new Error(
      `--${name} must be a whole number of at least 1000, for example --${name} ${fallback}`,
    );
  }

  return value;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();

  return { ms: performance.now() - started, result };
}

/** Builds the services under test as the Nest container would. */
function services(
  prisma: PrismaService,
  catalogue: CatalogueService,
  config: FuelAllocationConfig,
) {
  const calendar = new CalendarService(config, systemClock);

  return {
    exclusions: new ExclusionReportService(calendar, catalogue, config, prisma),
    farApart: new FarApartReportService(config, prisma),
    spend: new SpendReportService(config, prisma),
    whatIf: new WhatIfService(catalogue, createLogger('bench', 'warn'), prisma),
  };
}

type Services = ReturnType<typeof services>;

interface Case {
  label: string;
  /** Plain SQL over the same rows: the floor for the database work. */
  raw: string;
  rawParams: unknown[];
  run: (target: Services) => Promise<unknown>;
}

function cases(today: string): Case[] {
  const from = addDays(today, -29);
  const diesel = draftPolicy.parse({
    beneficiary: 'family',
    effectiveFrom: today,
    familySizeScaling: { baseMembers: 6, extraPerMember: 5_000 },
    periodDays: 91,
    periodQuantity: 60_000,
    productCode: 'diesel-heating',
    season: { periods: 2, startDay: 1, startMonth: 10 },
  });
  const gasoline = draftPolicy.parse({
    beneficiary: 'vehicle',
    effectiveFrom: today,
    periodDays: 7,
    periodQuantity: 25_000,
    productCode: 'gasoline-90',
  });
  const rangeStart = `($1::date)::timestamp AT TIME ZONE '${TIME_ZONE}'`;

  return [
    {
      label: 'what-if, family draft',
      raw: LIVING_PER_FAMILY,
      rawParams: [],
      run: (target) => target.whatIf.compare(diesel),
    },
    {
      label: 'what-if, vehicle draft',
      raw: 'SELECT count(*) FROM vehicles v JOIN family_members m ON m.national_number = v.owner_national_number',
      rawParams: [],
      run: (target) => target.whatIf.compare(gasoline),
    },
    {
      label: 'spend, 30 days',
      raw: `SELECT count(*), sum(quantity) FROM redemptions WHERE recorded_at >= ${rangeStart}`,
      rawParams: [from],
      run: (target) => target.spend.report(spendQuery.parse({ from, to: today })),
    },
    {
      label: 'exclusions, gas period',
      raw: LIVING_PER_FAMILY,
      rawParams: [],
      run: (target) =>
        target.exclusions.report(exclusionQuery.parse({ day: today, productCode: 'gas-cylinder' })),
    },
    {
      label: 'far-apart, 30 days',
      raw: `SELECT count(*) FROM redemptions WHERE recorded_at >= ${rangeStart}`,
      rawParams: [from],
      run: (target) => target.farApart.report(farApartQuery.parse({ from, to: today })),
    },
  ];
}

async function main(): Promise<void> {
  const families = option('families', 200_000);
  const explainIndex = process.argv.indexOf('--explain');
  // Prints EXPLAIN ANALYZE of every statement of the cases whose label starts with this text.
  const explain = explainIndex >= 0 ? process.argv[explainIndex + 1] : undefined;
  const database = await createTestDatabase('fuel_bench_reports', MIGRATIONS_DIR);
  const sql = new Client({ connectionString: database.url });
  const config = {
    databasePoolSize: 4,
    databaseUrl: database.url,
    timeZone: TIME_ZONE,
    transactionTimeoutMs: 120_000,
  } as FuelAllocationConfig;
  const prisma = new PrismaService(config);
  const today = calendarDayOf(new Date(), TIME_ZONE);

  await sql.connect();
  try {
    await printMachine(database.url);

    const seeded = await timed(() =>
      seedPopulation(sql, families, today, (step) => console.log(`seeded:      ${step}`)),
    );

    console.log(
      `population:  ${JSON.stringify(seeded.result)} in ${(seeded.ms / 1000).toFixed(1)} s`,
    );

    const catalogue = new CatalogueService(prisma);

    await catalogue.reload();

    const measured = services(prisma, catalogue, config);

    console.log('');
    console.log('case                     raw ms  service ms  ratio  sequential scans');
    for (const item of cases(today)) {
      await sql.query(item.raw, item.rawParams);

      const raw = await timed(() => sql.query(item.raw, item.rawParams));
      const service = await timed(() => item.run(measured));
      const captured: Parameters<typeof sequentialScans>[0] = [];

      await item.run(services(explainingPrisma(prisma, captured), catalogue, config));
      console.log(
        `${item.label.padEnd(24)} ${raw.ms.toFixed(0).padStart(6)}  ${service.ms.toFixed(0).padStart(10)}  ${(service.ms / raw.ms).toFixed(1).padStart(5)}  ${sequentialScans(captured).join(', ') || 'none'}`,
      );
    }
    await benchImport(sql, prisma, Math.min(families, 100_000));
    if (explain) {
      for (const item of cases(today).filter((entry) => entry.label.startsWith(explain))) {
        console.log(`\n${item.label}:`);
        await item.run(services(analyzingPrisma(prisma, console.log), catalogue, config));
      }
    }
    printLoad('at end');
  } finally {
    await prisma.$disconnect();
    await sql.end();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
