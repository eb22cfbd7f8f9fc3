import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import type { Client } from 'pg';

import { createLogger } from '@bitaqa/observability';

import type { PrismaService } from '../../apps/fuel-allocation/src/infrastructure/prisma.service';
import {
  DEFAULT_BATCH_SIZE,
  LegacyImportRunner,
} from '../../apps/fuel-allocation/src/legacy-import/legacy-import.runner';
import {
  createImport,
  findImport,
} from '../../apps/fuel-allocation/src/legacy-import/legacy-import.store';

const HEADER = 'legacy_card_number,kind,national_number,plate,vehicle_class,governorate,issue_date';

/** Yields one card per family head: a family card, or a taxi card for every tenth family. */
async function* cardLines(sql: Client, lines: number): AsyncGenerator<string> {
  const heads = await sql.query<{ governorate: string; head_national_number: string }>(
    `SELECT governorate, head_national_number FROM families ORDER BY family_id LIMIT $1`,
    [lines],
  );

  yield `${HEADER}\n`;
  for (const [index, head] of heads.rows.entries()) {
    const number = `LEG-${String(index).padStart(8, '0')}`;
    const vehicle =
      index % 10 === 0 ? `vehicle,${head.head_national_number},LEG-${index},taxi` : '';
    const card = vehicle || `family,${head.head_national_number},,`;

    yield `${number},${card},${head.governorate},2015-06-01\n`;
  }
}

async function runImport(prisma: PrismaService, path: string) {
  const runner = new LegacyImportRunner({
    logger: createLogger('bench', 'warn'),
    now: () => new Date(),
    prisma,
  });
  const importId = await createImport(prisma, path, new Date());
  const started = performance.now();

  await runner.run(importId, path, { batchSize: DEFAULT_BATCH_SIZE });

  return { ms: performance.now() - started, summary: await findImport(prisma, importId) };
}

/**
 * Times a legacy import of `lines` cards of seeded family heads, then its re-run, against one
 * INSERT ... SELECT of the same cards (rolled back), and prints lines per second and the ratio.
 */
export async function benchImport(sql: Client, prisma: PrismaService, lines: number) {
  const dir = await mkdtemp(join(tmpdir(), 'fuel-bench-import-'));
  const path = join(dir, 'cards.csv');

  try {
    await pipeline(Readable.from(cardLines(sql, lines)), createWriteStream(path));
    await sql.query('BEGIN');

    const rawStarted = performance.now();

    await sql.query(
      `INSERT INTO legacy_imports (id, path, status, started_at)
       VALUES ('00000000-0000-4000-8000-000000000000', 'raw', 'running', now())`,
    );
    await sql.query(
      `INSERT INTO legacy_cards (legacy_card_number, kind, family_id, holder_national_number,
                                 governorate, issue_date, import_id)
       SELECT 'RAW-' || family_id, 'family', family_id, head_national_number, governorate,
              DATE '2015-06-01', '00000000-0000-4000-8000-000000000000'
       FROM (SELECT * FROM families ORDER BY family_id LIMIT $1) AS first_families`,
      [lines],
    );

    const rawMs = performance.now() - rawStarted;

    await sql.query('ROLLBACK');

    const first = await runImport(prisma, path);
    const again = await runImport(prisma, path);
    const rate = (ms: number) => Math.round(lines / (ms / 1000));

    console.log('');
    console.log(`legacy import of ${lines} lines, batches of ${DEFAULT_BATCH_SIZE}:`);
    console.log(`  raw INSERT ... SELECT  ${rawMs.toFixed(0).padStart(7)} ms`);
    console.log(
      `  first run              ${first.ms.toFixed(0).padStart(7)} ms  ${rate(first.ms)} lines/s  ${(first.ms / rawMs).toFixed(1)}x raw  imported ${first.summary?.imported}, vehicles ${first.summary?.vehiclesCreated}, rejected ${first.summary?.rejected}`,
    );
    console.log(
      `  re-run                 ${again.ms.toFixed(0).padStart(7)} ms  ${rate(again.ms)} lines/s  ${(again.ms / rawMs).toFixed(1)}x raw  unchanged ${again.summary?.unchanged}, imported ${again.summary?.imported}`,
    );
  } finally {
    await rm(dir, { force: true, recursive: true });
  }
}
