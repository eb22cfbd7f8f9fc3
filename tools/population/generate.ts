import { parseArgs } from 'node:util';

import { writePopulation } from './src/population-files';

const USAGE = `usage: node -r @swc-node/register tools/population/generate.ts \\
  --families <count> --seed <integer> --out <folder>

Writes a deterministic sample population for the civil-records API: persons.json (import rows),
marriages.json, births.json and deaths.json, plus manifest.json with the counts.`;

function readOptions(): { dir: string; families: number; seed: number } {
  const { values } = parseArgs({
    options: {
      families: { type: 'string' },
      help: { type: 'boolean' },
      out: { type: 'string' },
      seed: { type: 'string' },
    },
  });

  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }

  const families = Number(values.families);
  const seed = Number(values.seed ?? '42');

  if (!Number.isInteger(families) || families < 1) {
    throw new Error(`--families must be a positive integer, got ${values.families}\n${USAGE}`);
  }
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
  if (!values.out) throw new Error(`--out is required\n${USAGE}`);

  return { dir: values.out, families, seed };
}

function main(): void {
  const { dir, families, seed } = readOptions();
  const started = Date.now();
  const counts = writePopulation(dir, { families, seed }, ({ done, total }) => {
    process.stderr.write(`generated ${done}/${total} families\n`);
  });

  process.stderr.write(`wrote ${dir} in ${Date.now() - started} ms\n`);
  process.stdout.write(`${JSON.stringify({ counts, dir, seed })}\n`);
}

try {
  main();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
