import { execFile } from 'node:child_process';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { nextNationalNumber } from './support/builders';
import { startFuelService, type FuelTestService } from './support/fuel-service';
import { errorOf, postJson } from './support/http';
import { members, seedFamily, seedVehicle } from './support/seed-beneficiaries';

const run = promisify(execFile);

const REPO_ROOT = join(__dirname, '..', '..', '..');

/** Heating diesel: 60 L a period, 5 L more per living member above 6 (in force: 50 L, +10 L above 5). */
const dieselDraft = {
  beneficiary: 'family',
  effectiveFrom: '2026-12-01',
  familySizeScaling: { baseMembers: 6, extraPerMember: 5_000 },
  periodDays: 91,
  periodQuantity: 60_000,
  productCode: 'diesel-heating',
  season: { periods: 2, startDay: 1, startMonth: 10 },
};

/** Gasoline: private cars 25 L every 7 days, motorcycles 5 L every 5 days, taxis unchanged. */
const gasolineDraft = {
  beneficiary: 'vehicle',
  effectiveFrom: '2026-12-01',
  periodDays: 5,
  periodQuantity: 20_000,
  productCode: 'gasoline-90',
  vehicleClasses: [
    { periodDays: 7, periodQuantity: 25_000, vehicleClass: 'private-car' },
    { periodDays: 2, periodQuantity: 20_000, vehicleClass: 'taxi' },
    { periodDays: 5, periodQuantity: 5_000, vehicleClass: 'motorcycle' },
  ],
};

interface Counts {
  affected: number;
  beneficiaries: number;
  gaining: number;
  losing: number;
}

interface Impact {
  delta: number;
  families: Counts;
  governorate: string;
  periodQuantityAfter: number;
  periodQuantityBefore: number;
  quantityAfter: number;
  quantityBefore: number;
  vehicles?: Counts;
}

interface Report {
  governorates: Impact[];
  policyInForce: { version: number } | null;
  total: Impact;
  unit: string;
}

function counts(beneficiaries: number, affected: number, gaining: number, losing: number) {
  return { affected, beneficiaries, gaining, losing };
}

describe('policy what-if', () => {
  let fuel: FuelTestService;

  beforeAll(async () => {
    fuel = await startFuelService('what_if');

    // SY01: 7 living; 4 living; 7 members of whom one died (6 living); no living member.
    const big = await seedFamily(fuel.sql, 'SY01', members(7));
    await seedFamily(fuel.sql, 'SY01', members(4));
    const bereaved = members(7);

    bereaved[6] = { diedOn: '2026-10-01', role: 'child' };
    await seedFamily(fuel.sql, 'SY01', bereaved);
    await seedFamily(fuel.sql, 'SY01', [{ alive: false, role: 'head' }]);
    // SY02: 8 living; 2 living.
    const large = await seedFamily(fuel.sql, 'SY02', members(8));

    await seedFamily(fuel.sql, 'SY02', members(2));

    // A head with a car and a motorcycle; a wife (not head) with a taxi; an owner in no family.
    await seedVehicle(fuel.sql, 'WI-100', 'private-car', big.headNationalNumber);
    await seedVehicle(fuel.sql, 'WI-101', 'motorcycle', big.headNationalNumber);
    await seedVehicle(fuel.sql, 'WI-200', 'taxi', large.nationalNumbers[1] as string);
    await seedVehicle(fuel.sql, 'WI-300', 'private-car', nextNationalNumber(14));
  }, 120_000);

  afterAll(async () => {
    await fuel?.close();
  });

  it('family draft per governorate', async () => {
    const result = await postJson<Report>(`${fuel.url}/policies/what-if`, dieselDraft);

    expect(result.status).toBe(200);
    expect(result.body.policyInForce?.version).toBe(1);
    expect(result.body.unit).toBe('ml');
    expect(result.body.governorates).toEqual([
      {
        delta: 10_000,
        families: counts(3, 2, 1, 1),
        governorate: 'SY01',
        periodQuantityAfter: 185_000,
        periodQuantityBefore: 180_000,
        quantityAfter: 370_000,
        quantityBefore: 360_000,
      },
      {
        delta: 0,
        families: counts(2, 2, 1, 1),
        governorate: 'SY02',
        periodQuantityAfter: 130_000,
        periodQuantityBefore: 130_000,
        quantityAfter: 260_000,
        quantityBefore: 260_000,
      },
    ]);
    expect(result.body.total).toMatchObject({
      delta: 10_000,
      families: counts(5, 4, 2, 2),
      quantityAfter: 630_000,
      quantityBefore: 620_000,
    });
  });

  it('vehicle draft per governorate', async () => {
    const result = await postJson<Report>(`${fuel.url}/policies/what-if`, gasolineDraft);

    expect(result.status).toBe(200);
    // Per 365 days: a car 1,460,000 ml before and 1,303,571 after; a motorcycle 219,000 and
    // 365,000; a taxi 3,650,000 both times.
    expect(result.body.governorates).toEqual([
      {
        delta: -10_429,
        families: counts(1, 1, 0, 1),
        governorate: 'SY01',
        periodQuantityAfter: 30_000,
        periodQuantityBefore: 23_000,
        quantityAfter: 1_668_571,
        quantityBefore: 1_679_000,
        vehicles: counts(2, 2, 1, 1),
      },
      {
        delta: 0,
        families: counts(1, 0, 0, 0),
        governorate: 'SY02',
        periodQuantityAfter: 20_000,
        periodQuantityBefore: 20_000,
        quantityAfter: 3_650_000,
        quantityBefore: 3_650_000,
        vehicles: counts(1, 0, 0, 0),
      },
      {
        delta: -156_429,
        families: counts(1, 1, 0, 1),
        governorate: 'unknown',
        periodQuantityAfter: 25_000,
        periodQuantityBefore: 20_000,
        quantityAfter: 1_303_571,
        quantityBefore: 1_460_000,
        vehicles: counts(1, 1, 0, 1),
      },
    ]);
    expect(result.body.total).toMatchObject({
      delta: -166_858,
      families: counts(3, 2, 0, 2),
      vehicles: counts(4, 3, 1, 2),
    });
  });

  it('writes nothing', async () => {
    const tables = ['quota_accounts', 'ledger_entries', 'policies', 'outbox_events', 'families'];
    const countRows = async () => {
      const found: number[] = [];

      for (const table of tables) {
        const result = await fuel.sql.query(`SELECT count(*)::int AS n FROM ${table}`);

        found.push(result.rows[0].n as number);
      }

      return found;
    };
    const before = await countRows();

    // The body of POST /policies, with its source, is accepted as it is.
    const withSource = await postJson(`${fuel.url}/policies/what-if`, {
      ...dieselDraft,
      source: 'draft decision of the oil ministry',
    });
    const vehicles = await postJson(`${fuel.url}/policies/what-if`, gasolineDraft);

    expect([withSource.status, vehicles.status]).toEqual([200, 200]);

    expect(await countRows()).toEqual(before);
  });

  it('bad drafts', async () => {
    const classes = await postJson(`${fuel.url}/policies/what-if`, {
      ...dieselDraft,
      vehicleClasses: gasolineDraft.vehicleClasses,
    });
    const longSeason = await postJson(`${fuel.url}/policies/what-if`, {
      ...dieselDraft,
      season: { periods: 5, startDay: 1, startMonth: 10 },
    });
    const mismatch = await postJson(`${fuel.url}/policies/what-if`, {
      ...dieselDraft,
      beneficiary: 'vehicle',
      familySizeScaling: undefined,
      season: undefined,
    });

    expect([classes.status, errorOf(classes).field]).toEqual([400, 'vehicleClasses']);
    expect([longSeason.status, errorOf(longSeason).field]).toEqual([400, 'season']);
    expect([mismatch.status, errorOf(mismatch).code]).toEqual([422, 'BENEFICIARY_MISMATCH']);
  });

  it('cli prints the table', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'what-if-'));
    const draftPath = join(dir, 'draft.json');

    await writeFile(draftPath, JSON.stringify(dieselDraft));

    try {
      const { stdout } = await run(
        process.execPath,
        [
          '-r',
          '@swc-node/register',
          'apps/fuel-allocation/src/what-if/cli.ts',
          '--policy',
          draftPath,
        ],
        {
          cwd: REPO_ROOT,
          env: {
            ...process.env,
            DATABASE_URL: fuel.database.url,
            SWC_NODE_PROJECT: 'apps/fuel-allocation/tsconfig.json',
          },
        },
      );
      const lines = stdout.trim().split('\n');

      expect(lines[0]).toContain('compared with the policy in force: version 1');
      expect(lines.slice(2).map((line) => line.trim().split(/\s+/))).toEqual([
        ['SY01', '3', '2', '1', '1', '360000', '370000', '10000'],
        ['SY02', '2', '2', '1', '1', '260000', '260000', '0'],
        ['total', '5', '4', '2', '2', '620000', '630000', '10000'],
      ]);
    } finally {
      await rm(dir, { force: true, recursive: true });
    }
  }, 60_000);
});
