import { parseArgs } from 'node:util';

import { feedPopulation } from './src/feed-population';

const USAGE = `usage: node -r @swc-node/register tools/population/feed.ts \\
  --dir <folder written by generate.ts> [--url http://127.0.0.1:3001]

Posts persons, marriages, births and deaths through the civil-records API, prints progress on
stderr and a JSON summary on stdout, and writes refs.json (externalRef to national number) into
the folder. Safe to run again: nothing is registered twice.`;

function readOptions(): { dir: string; url: string } {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      help: { type: 'boolean' },
      url: { default: 'http://127.0.0.1:3001', type: 'string' },
    },
  });

  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (!values.dir) throw new Error(`--dir is required\n${USAGE}`);

  return { dir: values.dir, url: values.url };
}

async function main(): Promise<void> {
  const { dir, url } = readOptions();
  const summary = await feedPopulation({
    dir,
    onProgress: (line) => process.stderr.write(`${line}\n`),
    url,
  });

  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`feed failed: ${(error as Error).message}\n`);
  process.exit(1);
});
