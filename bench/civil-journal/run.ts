import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { Client } from 'pg';

import { applyMigrations, dropDatabase, ensureDatabase, withDatabaseName } from '@bitaqa/db';

const USAGE = `usage: bash bench/civil-journal/run.sh [--persons <count>] [--batch-size <rows>] [--reads <count>]

Inserts <count> persons (default 400000) into a fresh civil-records database in batches of
<batch-size> rows (default 5000), alternating batches with the journal trigger disabled (the
raw baseline) and enabled, and prints rows per second of both and their ratio. Then it times
<reads> (default 2000) journal replays up to a date next to primary-key reads of the same
persons. The database bench_civil_journal is dropped afterwards.`;

const MIGRATIONS_DIR = join(__dirname, '..', '..', 'apps', 'civil-records', 'prisma', 'migrations');
const DATABASE = 'bench_civil_journal';

// One multi-row insert per batch, shaped like the import endpoint's statement.
const INSERT_BATCH = `
INSERT INTO persons (national_number, given_name_ar, father_name_ar, grandfather_name_ar,
  family_name_ar, mother_name_ar, sex, birth_date, birth_place, registration_governorate)
SELECT '05' || lpad(i::text, 9, '0'), 'محمد', 'أحمد', 'علي', 'الحلبي', 'فاطمة الشامي',
  (CASE WHEN i % 2 = 0 THEN 'M' ELSE 'F' END)::sex, DATE '1950-01-01' + (i % 20000),
  'SY0501', 'SY05'
FROM generate_series($1::int, $2::int) AS i`;

const JOURNAL_READ = `
SELECT id::text, kind::text, effective_on, fields FROM person_changes
WHERE national_number = $1 AND effective_on <= $2::date ORDER BY effective_on, id`;

interface Options {
  batchSize: number;
  persons: number;
  reads: number;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      'batch-size': { type: 'string' },
      help: { type: 'boolean' },
      persons: { type: 'string' },
      reads: { type: 'string' },
    },
  });

  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }

  const options = {
    batchSize: Number(values['batch-size'] ?? 5000),
    persons: Number(values.persons ?? 400_000),
    reads: Number(values.reads ?? 2000),
  };

  for (const [name, value] of Object.entries(options)) {
    if (!Number.isInteger(value) || value < 1) {
      console.error(`--${name} must be a positive whole number, got ${value}\n\n${USAGE}`);
      process.exit(2);
    }
  }

  return options;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();

  await work();

  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Inserts batches alternately without and with the journal trigger; returns seconds of each. */
async function timeInserts(
  sql: Client,
  options: Options,
): Promise<{ raw: number; journaled: number }> {
  const seconds = { journaled: 0, raw: 0 };
  const batches = Math.ceil((2 * options.persons) / options.batchSize);

  for (let batch = 0; batch < batches; batch += 1) {
    const journaled = batch % 2 === 1;
    const first = batch * options.batchSize + 1;
    const last = first + options.batchSize - 1;

    await sql.query(
      `ALTER TABLE persons ${journaled ? 'ENABLE' : 'DISABLE'} TRIGGER persons_journal`,
    );
    seconds[journaled ? 'journaled' : 'raw'] += await timed(() =>
      sql.query(INSERT_BATCH, [first, last]),
    );
    if ((batch + 1) % 20 === 0 || batch + 1 === batches) {
      console.log(
        `inserted ${(batch + 1) * options.batchSize} of ${batches * options.batchSize} persons`,
      );
    }
  }
  await sql.query('ALTER TABLE persons ENABLE TRIGGER persons_journal');

  return seconds;
}

/** Times journal replays up to a date and primary-key reads of the same journaled persons. */
async function timeReads(
  sql: Client,
  options: Options,
): Promise<{ journal: number; primaryKey: number }> {
  const { rows } = await sql.query<{ national_number: string }>(
    'SELECT national_number FROM person_changes ORDER BY random() LIMIT $1',
    [options.reads],
  );
  const numbers = rows.map((row) => row.national_number);

  return {
    journal: await timed(async () => {
      for (const number of numbers) await sql.query(JOURNAL_READ, [number, '2020-01-01']);
    }),
    primaryKey: await timed(async () => {
      for (const number of numbers) {
        await sql.query('SELECT * FROM persons WHERE national_number = $1', [number]);
      }
    }),
  };
}

async function main(): Promise<void> {
  const options = readOptions();
  const url = withDatabaseName(process.env.POSTGRES_URL ?? '', DATABASE);

  console.log(`machine: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`);
  await dropDatabase(url);
  await ensureDatabase(url);
  await applyMigrations(url, MIGRATIONS_DIR);

  const sql = new Client({ connectionString: url });

  await sql.connect();
  try {
    const inserts = await timeInserts(sql, options);
    const perMode = Math.ceil((2 * options.persons) / options.batchSize / 2) * options.batchSize;
    const rawRate = perMode / inserts.raw;
    const journaledRate = perMode / inserts.journaled;

    console.log(
      `insert without journal: ${Math.round(rawRate)} persons/s (${perMode} in ${inserts.raw.toFixed(2)} s)`,
    );
    console.log(
      `insert with journal:    ${Math.round(journaledRate)} persons/s (${perMode} in ${inserts.journaled.toFixed(2)} s)`,
    );
    console.log(`journal/raw ratio:      ${(journaledRate / rawRate).toFixed(2)}`);

    const reads = await timeReads(sql, options);

    console.log(
      `primary-key read:       ${((reads.primaryKey / options.reads) * 1000).toFixed(3)} ms`,
    );
    console.log(
      `journal replay read:    ${((reads.journal / options.reads) * 1000).toFixed(3)} ms`,
    );
    console.log(`journal/raw ratio:      ${(reads.journal / reads.primaryKey).toFixed(2)}`);
  } finally {
    await sql.end();
    await dropDatabase(url);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
