import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { figures, type RunFigures } from './stats';

/**
 * The debit of one redemption as plain SQL: lock the account's balance row, insert the
 * redemption row and its ledger entry, move the balance. The ledger triggers (chain check,
 * deferred balance check) run as they do for the service.
 */
const DEBIT_SCRIPT = `\\set acc random(1, :families)
BEGIN;
SELECT balance - :quantity AS after FROM quota_accounts WHERE id = :acc FOR UPDATE \\gset
WITH redemption AS (
  INSERT INTO redemptions (id, account_id, amount_piastres, balance_after, card_number, family_id,
                           idempotency_key, price_piastres, product_code, quantity, recorded_at,
                           request_hash, station_id, unit)
  VALUES (gen_random_uuid(), :acc, 170000, :after, '9760' || lpad(:acc::text, 12, '0'),
          'FAM-SY01-' || lpad(:acc::text, 7, '0'), 'pgbench-' || gen_random_uuid(), 170000,
          'diesel-heating', :quantity, now(), 'pgbench', 'ST-SY01-001', 'ml')
  RETURNING id
)
INSERT INTO ledger_entries (account_id, balance_after, kind, quantity, reason, redemption_id)
SELECT :acc, :after, 'redemption', 0 - :quantity::int, 'redeemed at station ST-SY01-001', id
FROM redemption;
UPDATE quota_accounts SET balance = :after, updated_at = now() WHERE id = :acc;
END;
`;

export interface PgbenchPlan {
  concurrency: number;
  databaseUrl: string;
  durationSeconds: number;
  families: number;
  quantity: number;
}

function run(args: string[], cwd: string, onLine: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('pgbench', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of chunk.toString().split('\n')) {
        if (line.startsWith('progress:')) onLine(`  pgbench ${line}`);
      }
    };

    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`pgbench exited with ${code}:\n${output}`)),
    );
  });
}

/**
 * Runs the debit script with as many pgbench clients as the HTTP load has, on one thread per
 * core, and returns throughput and latency from its per-transaction log.
 */
export async function pgbenchDebits(
  plan: PgbenchPlan,
  threads: number,
  onProgress: (line: string) => void,
): Promise<RunFigures> {
  const folder = mkdtempSync(join(tmpdir(), 'fuel-redemption-pgbench-'));
  const script = join(folder, 'debit.sql');
  const common = [
    '-n',
    '-M',
    'prepared',
    '-f',
    script,
    '-D',
    `families=${plan.families}`,
    '-D',
    `quantity=${plan.quantity}`,
    '-c',
    String(plan.concurrency),
    '-j',
    String(Math.min(threads, plan.concurrency)),
  ];

  writeFileSync(script, DEBIT_SCRIPT);

  try {
    await run([...common, '-T', '3', plan.databaseUrl], folder, onProgress);
    await run(
      [
        ...common,
        '-T',
        String(plan.durationSeconds),
        '-P',
        '5',
        '-l',
        '--log-prefix',
        'tx',
        plan.databaseUrl,
      ],
      folder,
      onProgress,
    );

    const latenciesMs = readdirSync(folder)
      .filter((name) => name.startsWith('tx.'))
      .flatMap((name) => readFileSync(join(folder, name), 'utf8').trim().split('\n'))
      // Fields: client, transaction number, elapsed microseconds, script, epoch s, epoch us.
      .map((line) => Number(line.split(' ')[2]) / 1000);

    return figures(latenciesMs, plan.durationSeconds);
  } finally {
    rmSync(folder, { force: true, recursive: true });
  }
}
