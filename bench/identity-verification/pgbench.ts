import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type LatencySummary, summarize } from './stats';

export interface PgbenchResult extends LatencySummary {
  transactions: number;
  tps: number;
}

/**
 * pgbench lines that set `:nn` to the national number of a random person among 1..rows:
 * governorate `1 + i % 14`, serial `i`, and the Luhn check digit of those ten digits, the
 * numbers `makeNationalNumber` gives the seeded persons.
 */
export function randomNationalNumberScript(rows: number): string {
  const lines = [`\\set i random(1, ${rows})`, '\\set body (1 + :i % 14) * 100000000 + :i'];
  const terms: string[] = [];

  for (let position = 0; position < 10; position += 1) {
    const digit = `(:body / ${10 ** position}) % 10`;

    // Luhn doubles every other digit from the right, starting with the rightmost. A doubled
    // digit above 9 counts as its digit sum, which is the doubled value minus 9.
    terms.push(position % 2 === 0 ? `(2 * ${digit} - 9 * ((2 * ${digit}) / 10))` : digit);
  }
  lines.push(`\\set sum ${terms.join(' + ')}`);
  lines.push('\\set nn :body * 10 + (10 - :sum % 10) % 10');

  return lines.join('\n');
}

/**
 * SQL for the national number in `:nn`, zero-padded to 11 digits. The cast to CHAR(11) keeps
 * the comparison on the column's own type, so the primary key serves it. Compared as text,
 * PostgreSQL would cast every row instead.
 */
export const NATIONAL_NUMBER_SQL = "lpad(:nn::text, 11, '0')::char(11)";

/**
 * Runs one pgbench script for `seconds` with `clients` connections on one thread and returns
 * its throughput and the p50/p99 of the per-transaction latencies it logged.
 */
export async function runPgbench(
  databaseUrl: string,
  script: string,
  clients: number,
  seconds: number,
): Promise<PgbenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-pgbench-'));
  const scriptFile = join(dir, 'script.sql');

  writeFileSync(scriptFile, `${script}\n`);
  try {
    const child = spawn(
      'pgbench',
      [
        '-n',
        '-M',
        'extended',
        '-c',
        String(clients),
        '-j',
        '1',
        '-T',
        String(seconds),
        '-P',
        '5',
        '-l',
        `--log-prefix=${join(dir, 'log')}`,
        '-f',
        scriptFile,
        databaseUrl,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';

    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });

    const [code] = (await once(child, 'exit')) as [number | null];

    if (code !== 0) throw new Error(`pgbench exited with code ${code}: ${output}`);

    const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1] ?? Number.NaN);
    const latenciesMs = readdirSync(dir)
      .filter((name) => name.startsWith('log'))
      .flatMap((name) => readFileSync(join(dir, name), 'utf8').trim().split('\n'))
      // Fields: client, transaction number, latency in microseconds, script, epoch seconds, microseconds.
      .map((line) => Number(line.split(' ')[2]) / 1000);

    return { ...summarize(latenciesMs), tps, transactions: latenciesMs.length };
  } finally {
    rmSync(dir, { force: true, recursive: true });
  }
}
