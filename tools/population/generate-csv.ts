import { parseArgs } from 'node:util';

import { writeRegisterCsv } from './src/register-csv';

const USAGE = `usage: node -r @swc-node/register tools/population/generate-csv.ts \\
  --persons <count> [--seed <integer>] --out <folder>

Writes the existing civil register as the civil-records bulk import reads it: persons.csv
(national numbers, names, dates, parents' numbers) and families.csv (one line per member of a
family book). Families are generated until there are at least <count> persons. The same seed and
count always give the same files. Progress goes to stderr, the counts as JSON to stdout.`;

function readOptions(): { dir: string; persons: number; seed: number } {
  const { values } = parseArgs({
    options: {
      help: { type: 'boolean' },
      out: { type: 'string' },
      persons: { type: 'string' },
      seed: { type: 'string' },
    },
  });

  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }

  const persons = Number(values.persons);
  const seed = Number(values.seed ?? '42');

  if (!Number.isInteger(persons) || persons < 1) {
    throw new Error(`--persons must be a positive integer, got ${values.persons}\n${USAGE}`);
  }
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
  if (!values.out) throw new Error(`--out is required\n${USAGE}`);

  return { dir: values.out, persons, seed };
}

function main(): void {
  const { dir, persons, seed } = readOptions();
  const started = Date.now();
  const counts = writeRegisterCsv(dir, { persons, seed }, (progress) => {
    process.stderr.write(`generated ${progress.persons}/${persons} persons\n`);
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
