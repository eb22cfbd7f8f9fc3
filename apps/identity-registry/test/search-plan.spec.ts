import { Pool } from 'pg';

import { normalizeArabicName, transliterateArabicName } from '@bitaqa/arabic-names';
import { divisionsAtLevel, familyNames, givenNames } from '@bitaqa/reference-data';
import { createTestDatabase, type TestDatabase } from '@bitaqa/testing';

import { MIGRATIONS_DIR } from '../src/bootstrap';
import type { SearchCriteria } from '../src/search/search-criteria';
import { buildSearchSql } from '../src/search/search-sql';

/** Enough rows that PostgreSQL's costs favour the indexes the way they do at full scale. */
const ROWS = 200_000;

interface PlanNode {
  'Index Name'?: string;
  'Node Type': string;
  Plans?: PlanNode[];
  'Relation Name'?: string;
}

interface NamePool {
  arabic: string[];
  latin: string[];
  normalized: string[];
}

/** Names with their normalized and Latin forms; names without a Latin form are left out. */
function namePool(names: readonly string[]): NamePool {
  const pool: NamePool = { arabic: [], latin: [], normalized: [] };

  for (const name of names) {
    try {
      pool.latin.push(transliterateArabicName(name));
    } catch {
      continue;
    }
    pool.arabic.push(name);
    pool.normalized.push(normalizeArabicName(name));
  }

  return pool;
}

function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

/**
 * Fills identities with synthetic people. Given names are skewed towards the start of the
 * list, as real names are towards the popular ones. The search indexes are dropped for the
 * load and rebuilt from their own definitions, which is much faster than updating them row
 * by row.
 */
async function seed(pool: Pool): Promise<void> {
  const indexes = await pool.query<{ indexdef: string; indexname: string }>(
    `SELECT indexname, indexdef FROM pg_indexes
     WHERE tablename = 'identities' AND indexname <> 'identities_pkey'`,
  );

  for (const index of indexes.rows) await pool.query(`DROP INDEX "${index.indexname}"`);

  const men = namePool(givenNames('M').map((name) => name.nameAr));
  const women = namePool(givenNames('F').map((name) => name.nameAr));
  const families = namePool(familyNames().map((name) => name.nameAr));
  const places = divisionsAtLevel(3).map((division) => division.pcode);

  await pool.query('SELECT setseed(0.42)');
  await pool.query(
    `WITH p AS (
       SELECT $1::text[] AS men, $2::text[] AS men_n, $3::text[] AS men_l,
              $4::text[] AS fam, $5::text[] AS fam_l, $6::text[] AS fam_n,
              $7::text[] AS women, $8::text[] AS women_n, $9::text[] AS places
     ), picks AS (
       SELECT g,
              1 + g % 14 AS gov,
              1 + floor(cardinality(p.men) * random() ^ 2)::int AS gi,
              1 + floor(cardinality(p.men) * random() ^ 2)::int AS fa,
              1 + floor(cardinality(p.men) * random() ^ 2)::int AS gf,
              1 + floor(cardinality(p.fam) * random())::int AS f,
              1 + floor(cardinality(p.fam) * random())::int AS mf,
              1 + floor(cardinality(p.women) * random() ^ 2)::int AS mo,
              1 + floor(cardinality(p.places) * random())::int AS pl
       FROM generate_series(1, ${ROWS}) AS g, p
     )
     INSERT INTO identities (
       national_number, birth_date, birth_place, family_name_ar, family_name_latin,
       family_name_normalized, father_name_ar, father_name_normalized, full_name_normalized,
       given_name_ar, given_name_latin, given_name_normalized, governorate, grandfather_name_ar,
       mother_name_ar, mother_name_normalized, sex, version)
     SELECT lpad(gov::text, 2, '0') || lpad(g::text, 9, '0'),
            date '1940-01-01' + (random() * 30000)::int,
            p.places[pl], p.fam[f], p.fam_l[f], p.fam_n[f], p.men[fa], p.men_n[fa],
            p.men_n[gi] || ' ' || p.men_n[fa] || ' ' || p.men_n[gf] || ' ' || p.fam_n[f],
            p.men[gi], p.men_l[gi], p.men_n[gi], 'SY' || lpad(gov::text, 2, '0'), p.men[gf],
            p.women[mo] || ' ' || p.fam[mf], p.women_n[mo] || ' ' || p.fam_n[mf], 'M', 1
     FROM picks, p`,
    [
      men.arabic,
      men.normalized,
      men.latin,
      families.arabic,
      families.latin,
      families.normalized,
      women.arabic,
      women.normalized,
      places,
    ],
  );

  for (const index of indexes.rows) await pool.query(index.indexdef);
  await pool.query('ANALYZE identities');
}

describe('search plans at 200,000 identities', () => {
  let database: TestDatabase;
  let pool: Pool;
  let sample: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase('identity_search_plan', MIGRATIONS_DIR);
    pool = new Pool({ connectionString: database.url, max: 1 });
    await seed(pool);

    // A person from the middle of the table, whose names the queries below combine.
    const rows = await pool.query<Record<string, string>>(
      `SELECT national_number, given_name_normalized, father_name_normalized,
              family_name_normalized, given_name_latin, family_name_latin,
              mother_name_normalized, birth_place, extract(year FROM birth_date)::text AS year
       FROM identities WHERE national_number LIKE '%100000'`,
    );

    sample = rows.rows[0]!;
  }, 300_000);

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  async function plan(criteria: Partial<SearchCriteria>): Promise<PlanNode[]> {
    const statement = buildSearchSql({ limit: 20, ...criteria });
    const result = await pool.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
      `EXPLAIN (FORMAT JSON) ${statement.text}`,
      statement.values,
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

  it('uses word index for Arabic name', async () => {
    const nodes = await plan({
      name: {
        script: 'arabic',
        words: [
          sample.given_name_normalized!,
          sample.father_name_normalized!,
          sample.family_name_normalized!,
        ],
      },
    });

    expect(seqScans(nodes)).toEqual([]);
    expect(indexesUsed(nodes)).toContain('identities_full_name_words_idx');
  });

  it('uses word index for Latin name', async () => {
    const nodes = await plan({
      name: { script: 'latin', words: [sample.given_name_latin!, sample.family_name_latin!] },
    });

    expect(seqScans(nodes)).toEqual([]);
    expect(indexesUsed(nodes)).toContain('identities_latin_name_words_idx');
  });

  it('avoids full scan with all filters', async () => {
    const nodes = await plan({
      birthPlace: sample.birth_place!.slice(0, 4),
      birthYear: Number(sample.year),
      motherName: sample.mother_name_normalized!.split(' ')[0],
      name: { script: 'arabic', words: [sample.family_name_normalized!] },
    });

    expect(seqScans(nodes)).toEqual([]);
    expect(indexesUsed(nodes).length).toBeGreaterThan(0);
  });

  it('uses primary key for national number', async () => {
    const nodes = await plan({ nationalNumber: sample.national_number! });

    expect(seqScans(nodes)).toEqual([]);
    expect(indexesUsed(nodes)).toContain('identities_pkey');
  });

  // Reading and sorting every match of a name that one person in ten has would take seconds
  // at 22 million rows. Walking the primary key stops after one page of matches.
  it('walks primary key for the most common name', async () => {
    const [common] = (
      await pool.query<{ name: string }>(
        `SELECT given_name_normalized AS name FROM identities
         GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
      )
    ).rows;
    const nodes = await plan({ name: { script: 'arabic', words: [common!.name] } });

    expect(seqScans(nodes)).toEqual([]);
    expect(indexesUsed(nodes)).toEqual(['identities_pkey']);
  });

  it('avoids full scan on a later page', async () => {
    const nodes = await plan({
      after: sample.national_number!,
      name: { script: 'arabic', words: [sample.family_name_normalized!] },
    });

    expect(seqScans(nodes)).toEqual([]);
  });
});
