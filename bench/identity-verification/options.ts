import { parseArgs } from 'node:util';

export interface BenchOptions {
  concurrency: number;
  durationSeconds: number;
  /** Queries per kind in the search benchmark. */
  queries: number;
  rows: number;
  warmupSeconds: number;
}

const HELP = `options:
  --rows N          identities to seed (default 1000000)
  --concurrency N   clients with a request in flight (default 8, sized for 2 cores)
  --duration S      measured seconds per run (default 30)
  --warmup S        unmeasured seconds before each HTTP run (default 5)
                    warm-up and duration together stay under 3500 seconds, because the
                    agency token the load sends lives one hour
  --queries N       search queries of each kind (default 200; search benchmark only)`;

/** Warm-up and measured run together stay below the one-hour life of the agency token. */
const MAX_TOKEN_SECONDS = 3_500;

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;

  const parsed = Number(value);

  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new Error(`--${name} must be a positive integer, got ${value}\n${HELP}`);
  }

  return parsed;
}

/** Reads the command-line options shared by the identity benchmarks. */
export function benchOptions(argv = process.argv.slice(2)): BenchOptions {
  const { values } = parseArgs({
    args: argv.filter((arg) => arg !== '--'),
    options: {
      concurrency: { type: 'string' },
      duration: { type: 'string' },
      help: { type: 'boolean' },
      queries: { type: 'string' },
      rows: { type: 'string' },
      warmup: { type: 'string' },
    },
  });

  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }

  const options = {
    concurrency: positiveInteger('concurrency', values.concurrency, 8),
    durationSeconds: positiveInteger('duration', values.duration, 30),
    queries: positiveInteger('queries', values.queries, 200),
    rows: positiveInteger('rows', values.rows, 1_000_000),
    warmupSeconds: positiveInteger('warmup', values.warmup, 5),
  };

  if (options.warmupSeconds + options.durationSeconds >= MAX_TOKEN_SECONDS) {
    throw new Error(
      `--warmup plus --duration must stay under ${MAX_TOKEN_SECONDS} seconds\n${HELP}`,
    );
  }

  return options;
}
