import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { createLogger } from '@bitaqa/observability';
import { waitFor } from '@bitaqa/testing';

import type { FuelAllocationConfig } from '../src/config';
import { PrismaService } from '../src/infrastructure/prisma.service';
import { LegacyImportRunner } from '../src/legacy-import/legacy-import.runner';
import { createImport, findImport } from '../src/legacy-import/legacy-import.store';

import { nextNationalNumber } from './support/builders';
import { startFuelService, type FuelTestService } from './support/fuel-service';
import { errorOf, getJson, postJson, withOperator } from './support/http';
import { seedFamily, seedVehicle, type SeededFamily } from './support/seed-beneficiaries';

const run = promisify(execFile);

const REPO_ROOT = join(__dirname, '..', '..', '..');

const HEADER = 'legacy_card_number,kind,national_number,plate,vehicle_class,governorate,issue_date';

interface ImportBody {
  error: string | null;
  importId: string;
  imported: number;
  lines: number;
  rejected: number;
  rejections: Record<string, number>;
  status: string;
  unchanged: number;
  vehiclesCreated: number;
}

interface RejectionBody {
  nextAfterLine: number | null;
  rejections: {
    detail: string;
    legacyCardNumber: string | null;
    lineNumber: number;
    reason: string;
  }[];
}

/** Changes the check digit of a national number. */
function wrongCheckDigit(nationalNumber: string): string {
  const last = Number(nationalNumber.slice(-1));

  return nationalNumber.slice(0, -1) + String((last + 1) % 10);
}

describe('legacy card import', () => {
  let fuel: FuelTestService;
  let dir: string;
  let first: SeededFamily;
  let second: SeededFamily;
  let lines: string[];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'legacy-import-'));
    fuel = await startFuelService('legacy', { legacyImportDir: dir });
    // Head, wife, and a child marked dead in the family book.
    first = await seedFamily(fuel.sql, 'SY01', [
      { role: 'head' },
      { role: 'wife' },
      { alive: false, role: 'child' },
    ]);
    // Head, and a member reported dead on civil.persons.
    second = await seedFamily(fuel.sql, 'SY02', [
      { role: 'head' },
      { diedOn: '2026-09-01', role: 'wife' },
    ]);

    const [head1, wife1, deadChild] = first.nationalNumbers as [string, string, string];
    const [head2, deadWife] = second.nationalNumbers as [string, string];

    await seedVehicle(fuel.sql, 'OLD-1', 'private-car', nextNationalNumber(3));
    await seedVehicle(fuel.sql, 'MINE-1', 'motorcycle', wife1);
    lines = [
      HEADER,
      `L-0001,family,${head1},,,SY01,2015-03-01`,
      `L-0002,vehicle,${wife1},DAM-1234,private-car,SY01,2016-05-10`,
      `L-0003,family,${head2},,,SY02,2014-01-01`,
      `L-0004,family,${nextNationalNumber(5)},,,SY05,2015-01-01`,
      `L-0005,family,${wrongCheckDigit(head1)},,,SY01,2015-01-01`,
      `L-0006,family,${deadChild},,,SY01,2015-01-01`,
      `L-0007,family,${deadWife},,,SY02,2015-01-01`,
      `L-0001,family,${head1},,,SY01,2015-03-01`,
      `L-0008,vehicle,${head1},ALP-9,tractor,SY01,2016-01-01`,
      `L-0009,vehicle,${head1},OLD-1,private-car,SY01,2016-01-01`,
      'this is not,a card line',
      `L-0010,family,${head2},,,SY02,2015-02-30`,
      `"L-0011,family,${head2},,,SY02,2015-02-01`,
      '',
      `L-0012,vehicle,${head2},ALP-77,taxi,SY02,2017-07-07`,
      `L-0013,vehicle,${wife1},MINE-1,motorcycle,SY01,2018-01-01`,
      `L-0014,vehicle,${head2},DAM-1234,taxi,SY02,2018-02-02`,
      `L-0015,family,${head2},,,SY02,2015-01-01\0`,
    ];
    await writeFile(join(dir, 'cards.csv'), `${lines.join('\r\n')}\r\n`);
    await writeFile(join(dir, 'wrong-header.csv'), 'card,kind\r\nL-1,family\r\n');
    // A link inside the folder to a file outside it.
    await symlink('/etc/passwd', join(dir, 'passwd.csv'));
  }, 120_000);

  afterAll(async () => {
    await fuel?.close();
    await rm(dir, { force: true, recursive: true });
  });

  async function finished(importId: string): Promise<ImportBody> {
    return waitFor(`legacy import ${importId}`, async () => {
      const result = await getJson<ImportBody>(`${fuel.url}/legacy-imports/${importId}`);

      return result.body.status === 'running' ? undefined : result.body;
    });
  }

  const expectedReasons = {
    'bad-check-digit': 1,
    'deceased-holder': 2,
    'duplicate-card': 2,
    'malformed-line': 4,
    'plate-registered': 1,
    'unknown-class': 1,
    'unknown-national-number': 1,
  };

  let firstImportId: string;

  it('first run over every kind of row', async () => {
    const started = await postJson<ImportBody>(`${fuel.url}/legacy-imports`, { path: 'cards.csv' });

    expect(started.status).toBe(202);
    firstImportId = started.body.importId;

    const summary = await finished(firstImportId);

    expect(summary).toMatchObject({
      error: null,
      imported: 5,
      lines: 17,
      rejected: 12,
      rejections: expectedReasons,
      status: 'completed',
      unchanged: 0,
      vehiclesCreated: 2,
    });
  });

  it('reasons per line', async () => {
    const result = await getJson<RejectionBody>(
      `${fuel.url}/legacy-imports/${firstImportId}/rejections`,
    );

    expect(result.body.rejections.map((entry) => [entry.lineNumber, entry.reason])).toEqual([
      [5, 'unknown-national-number'],
      [6, 'bad-check-digit'],
      [7, 'deceased-holder'],
      [8, 'deceased-holder'],
      [9, 'duplicate-card'],
      [10, 'unknown-class'],
      [11, 'plate-registered'],
      [12, 'malformed-line'],
      [13, 'malformed-line'],
      [14, 'malformed-line'],
      [18, 'duplicate-card'],
      [19, 'malformed-line'],
    ]);
    expect(result.body.rejections[4]?.detail).toBe('legacy card already on line 2');
    expect(result.body.rejections[10]?.detail).toBe('plate DAM-1234 already on legacy card L-0002');
    expect(result.body.nextAfterLine).toBeNull();
  });

  it('cards, vehicles and quotas stored', async () => {
    const cards = await fuel.sql.query(
      `SELECT legacy_card_number, kind::text AS kind, family_id, vehicle_plate
       FROM legacy_cards ORDER BY legacy_card_number`,
    );
    const vehicle = await fuel.sql.query(
      `SELECT owner_national_number, vehicle_class::text AS class FROM vehicles WHERE plate = 'DAM-1234'`,
    );
    const family = await getJson<{ vehicles: { entitlements: unknown[]; plate: string }[] }>(
      `${fuel.url}/families/${first.familyId}/entitlements`,
    );

    expect(cards.rows).toEqual([
      {
        family_id: first.familyId,
        kind: 'family',
        legacy_card_number: 'L-0001',
        vehicle_plate: null,
      },
      {
        family_id: first.familyId,
        kind: 'vehicle',
        legacy_card_number: 'L-0002',
        vehicle_plate: 'DAM-1234',
      },
      {
        family_id: second.familyId,
        kind: 'family',
        legacy_card_number: 'L-0003',
        vehicle_plate: null,
      },
      {
        family_id: second.familyId,
        kind: 'vehicle',
        legacy_card_number: 'L-0012',
        vehicle_plate: 'ALP-77',
      },
      {
        family_id: first.familyId,
        kind: 'vehicle',
        legacy_card_number: 'L-0013',
        vehicle_plate: 'MINE-1',
      },
    ]);
    expect(vehicle.rows).toEqual([
      { class: 'private-car', owner_national_number: first.nationalNumbers[1] },
    ]);
    expect(family.body.vehicles.map((entry) => [entry.plate, entry.entitlements.length])).toEqual([
      ['DAM-1234', 1],
      ['MINE-1', 1],
    ]);
  });

  it('cli re-run stores nothing twice', async () => {
    const report = join(dir, 'rejections.csv');
    const { stdout } = await run(
      process.execPath,
      [
        '-r',
        '@swc-node/register',
        'apps/fuel-allocation/src/legacy-import/cli.ts',
        '--file',
        join(dir, 'cards.csv'),
        '--report',
        report,
        '--batch-size',
        '3',
      ],
      {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          DATABASE_URL: fuel.database.url,
          LOG_LEVEL: 'warn',
          SWC_NODE_PROJECT: 'apps/fuel-allocation/tsconfig.json',
        },
      },
    );
    const summary = JSON.parse(stdout) as ImportBody;
    const csv = (await readFile(report, 'utf8')).split('\r\n');
    const counts = await fuel.sql.query(
      `SELECT (SELECT count(*) FROM legacy_cards)::int AS cards,
              (SELECT count(*) FROM vehicles)::int AS vehicles`,
    );

    expect(summary).toMatchObject({
      imported: 0,
      lines: 17,
      rejected: 12,
      rejections: expectedReasons,
      status: 'completed',
      unchanged: 5,
      vehiclesCreated: 0,
    });
    expect(counts.rows[0]).toEqual({ cards: 5, vehicles: 4 });
    expect(csv[0]).toBe('lineNumber,reason,legacyCardNumber,detail,line');
    expect(csv[1]).toBe(
      `5,unknown-national-number,L-0004,no family lists ${lines[4]?.split(',')[2]},"${lines[4]}"`,
    );
    expect(csv[10]).toBe(
      `14,malformed-line,,unbalanced quotes,"${lines[13]?.replaceAll('"', '""')}"`,
    );
    expect(csv[12]).toBe(
      `19,malformed-line,,line contains a NUL character,"${lines[18]?.replace('\0', '\uFFFD')}"`,
    );
    expect(csv).toHaveLength(14);
  }, 60_000);

  it('csv report over http', async () => {
    const response = await fetch(
      `${fuel.url}/legacy-imports/${firstImportId}/rejections?format=csv`,
      { headers: await withOperator() },
    );
    const text = await response.text();

    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(text.split('\r\n')[2]).toBe(
      `6,bad-check-digit,L-0005,check digit of ${wrongCheckDigit(first.headNationalNumber)} does not match,"${lines[5]}"`,
    );
  });

  it('stopped run finishes on re-run', async () => {
    const path = join(dir, 'more-cards.csv');
    const [head1, wife1] = first.nationalNumbers as [string, string];
    const prisma = new PrismaService({
      databasePoolSize: 2,
      databaseUrl: fuel.database.url,
      transactionTimeoutMs: 30_000,
    } as FuelAllocationConfig);
    const runner = new LegacyImportRunner({
      logger: createLogger('legacy-import-test', 'silent'),
      now: () => new Date(),
      prisma,
    });
    let batches = 0;

    await writeFile(
      path,
      [
        HEADER,
        `L-0100,family,${head1},,,SY01,2019-01-01`,
        `L-0101,family,${wife1},,,SY01,2019-01-01`,
        `L-0102,family,${second.headNationalNumber},,,SY02,2019-01-01`,
        `L-0103,vehicle,${head1},DAM-5678,taxi,SY01,2019-01-01`,
      ].join('\n'),
    );
    try {
      const stopped = await createImport(prisma, path, new Date());

      // The stop request is seen before the second batch of two lines.
      await runner.run(stopped, path, { batchSize: 2, stopRequested: () => batches++ >= 1 });

      const again = await createImport(prisma, path, new Date());

      await runner.run(again, path, { batchSize: 2 });

      expect(await findImport(prisma, stopped)).toMatchObject({
        error: 'stopped before the end of the file; run the import again to finish it',
        imported: 2,
        lines: 2,
        status: 'failed',
      });
      expect(await findImport(prisma, again)).toMatchObject({
        imported: 2,
        lines: 4,
        rejected: 0,
        status: 'completed',
        unchanged: 2,
        vehiclesCreated: 1,
      });
    } finally {
      await prisma.$disconnect();
    }
  });

  it('bad requests', async () => {
    const outside = await postJson(`${fuel.url}/legacy-imports`, { path: '../cards.csv' });
    const linked = await postJson(`${fuel.url}/legacy-imports`, { path: 'passwd.csv' });
    const missing = await postJson(`${fuel.url}/legacy-imports`, { path: 'missing.csv' });
    const header = await postJson(`${fuel.url}/legacy-imports`, { path: 'wrong-header.csv' });
    const unknown = await getJson(
      `${fuel.url}/legacy-imports/6f1c3f57-2f4e-4c2a-9d55-1b1f3c1d2e3f`,
    );
    const badId = await getJson(`${fuel.url}/legacy-imports/not-a-uuid`);

    expect([outside.status, errorOf(outside).code]).toEqual([422, 'PATH_OUTSIDE_IMPORT_DIR']);
    expect([linked.status, errorOf(linked).code]).toEqual([422, 'PATH_OUTSIDE_IMPORT_DIR']);
    expect([missing.status, errorOf(missing).code]).toEqual([422, 'FILE_NOT_FOUND']);
    expect([header.status, errorOf(header).code]).toEqual([422, 'BAD_LEGACY_HEADER']);
    expect([unknown.status, errorOf(unknown).code]).toEqual([404, 'LEGACY_IMPORT_NOT_FOUND']);
    expect(badId.status).toBe(400);
  });
});
