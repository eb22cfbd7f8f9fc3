import { Pool } from 'pg';

import { makeNationalNumber } from '@bitaqa/contracts';
import { createTestDatabase, type TestDatabase } from '@bitaqa/testing';

import { MIGRATIONS_DIR } from '../src/bootstrap';
import { candidateQueries } from '../src/duplicates/candidate-sql';
import type { Identity } from '../src/identities/identity';

/** Enough rows that PostgreSQL's costs favour the indexes the way they do at full scale. */
const ROWS = 100_000;

/** About three children per mother, as in a real register. */
const MOTHERS = 33_000;

interface PlanNode {
  'Index Name'?: string;
  'Node Type': string;
  Plans?: PlanNode[];
  'Relation Name'?: string;
}

function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

/** The Arabic mother name of synthetic mother `index`: its digits written as letters. */
const MOTHER_NAME_SQL = `translate((g % ${MOTHERS})::text, '0123456789', 'ابتثجحخدذر')`;

/**
 * Fills identities with synthetic people: mothers by name for all and by national number for
 * every other person, births over 70 years. The indexes are dropped for the load and rebuilt
 * from their own definitions, which is much faster than updating them row by row.
 */
async function seed(pool: Pool): Promise<void> {
  const indexes = await pool.query<{ indexdef: string; indexname: string }>(
    `SELECT indexname, indexdef FROM pg_indexes
     WHERE tablename = 'identities' AND indexname <> 'identities_pkey'`,
  );

  for (const index of indexes.rows) await pool.query(`DROP INDEX "${index.indexname}"`);

  await pool.query('SELECT setseed(0.17)');
  await pool.query(
    `INSERT INTO identities (
       national_number, birth_date, birth_place, family_name_ar, family_name_latin,
       family_name_normalized, father_name_ar, father_name_normalized, full_name_normalized,
       given_name_ar, given_name_latin, given_name_normalized, governorate, mother_name_ar,
       mother_name_normalized, mother_national_number, sex, version)
     SELECT '01' || lpad(g::text, 9, '0'),
            date '1950-01-01' + (random() * 25000)::int,
            'SY0101', 'الحلبي', 'ALHALABI', 'الحلبي', 'خالد', 'خالد', 'محمد خالد الحلبي',
            'محمد', 'MOHAMMAD', 'محمد', 'SY01', ${MOTHER_NAME_SQL}, ${MOTHER_NAME_SQL},
            CASE WHEN g % 2 = 0 THEN '02' || lpad((g % ${MOTHERS})::text, 9, '0') END,
            'M', 1
     FROM generate_series(1, ${ROWS}) AS g`,
  );

  for (const index of indexes.rows) await pool.query(index.indexdef);
  await pool.query('ANALYZE identities');
}

function probe(overrides: Partial<Identity>): Identity {
  return {
    birthDate: '1980-04-12',
    birthPlace: 'SY0101',
    dateOfDeath: null,
    familyId: null,
    familyNameAr: 'الحلبي',
    familyNameLatin: 'ALHALABI',
    familyRole: null,
    fatherNameAr: 'خالد',
    fatherNationalNumber: null,
    givenNameAr: 'محمد',
    givenNameLatin: 'MOHAMMAD',
    governorate: 'SY01',
    grandfatherNameAr: null,
    mergedInto: null,
    motherNameAr: 'ثجخ',
    motherNationalNumber: makeNationalNumber(2, 999_001),
    nationalNumber: makeNationalNumber(3, 1),
    sex: 'M',
    status: 'active',
    updatedAt: new Date(),
    version: 1,
    ...overrides,
  };
}

describe('duplicate candidate plans at 100,000 identities', () => {
  let database: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    database = await createTestDatabase('identity_duplicate_plan', MIGRATIONS_DIR);
    pool = new Pool({ connectionString: database.url, max: 1 });
    await seed(pool);
  }, 300_000);

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  async function plan(query: { text: string; values: unknown[] }): Promise<PlanNode[]> {
    const result = await pool.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
      `EXPLAIN (FORMAT JSON) ${query.text}`,
      query.values,
    );

    return planNodes(result.rows[0]!['QUERY PLAN'][0]!.Plan);
  }

  function seqScans(nodes: PlanNode[]): PlanNode[] {
    return nodes.filter(
      (node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] === 'identities',
    );
  }

  function indexesUsed(nodes: PlanNode[]): string[] {
    return nodes.flatMap((node) => (node['Index Name'] ? [node['Index Name']] : []));
  }

  it('has the rows', async () => {
    const result = await pool.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM identities',
    );

    expect(result.rows[0]!.count).toBe(ROWS);
  });

  it('builds one query per kind of evidence', () => {
    expect(candidateQueries(probe({}), 2, 200)).toHaveLength(2);
    expect(candidateQueries(probe({ motherNationalNumber: null }), 2, 200)).toHaveLength(1);
  });

  it('looks up the mother name by index', async () => {
    const [byName] = candidateQueries(probe({}), 2, 200);
    const nodes = await plan(byName!);

    expect(seqScans(nodes)).toEqual([]);
    expect(indexesUsed(nodes)).toEqual(['identities_mother_name_birth_date_idx']);
  });

  it('looks up the mother number by index', async () => {
    const [, byNumber] = candidateQueries(probe({}), 2, 200);
    const nodes = await plan(byNumber!);

    expect(seqScans(nodes)).toEqual([]);
    expect(indexesUsed(nodes)).toContain('identities_mother_number_birth_date_idx');
  });

  it('finds the rows the index promises', async () => {
    const sample = await pool.query<{ birth_date: Date; mother_name_ar: string }>(
      "SELECT birth_date, mother_name_ar FROM identities WHERE national_number = '01000050000'",
    );
    const row = sample.rows[0]!;
    const [byName] = candidateQueries(
      probe({
        birthDate: row.birth_date.toISOString().slice(0, 10),
        motherNameAr: row.mother_name_ar,
        motherNationalNumber: null,
      }),
      2,
      200,
    );
    const found = await pool.query<{ national_number: string }>(byName!.text, byName!.values);

    expect(found.rows.map((candidate) => candidate.national_number)).toContain('01000050000');
  });
});
