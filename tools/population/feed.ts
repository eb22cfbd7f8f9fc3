import { parseArgs } from 'node:util';

import { ClientCredentialsTokenSource } from '@bitaqa/auth';

import { feedPopulation } from './src/feed-population';

const USAGE = `usage: CIVIL_CLIENT_ID=... CIVIL_CLIENT_SECRET=... \\
  node -r @swc-node/register tools/population/feed.ts \\
  --dir <folder written by generate.ts> [--url http://127.0.0.1:3001] \\
  [--token-url http://127.0.0.1:3004/oauth/token]

Posts persons, marriages, births and deaths through the civil-records API, prints progress on
stderr and a JSON summary on stdout, and writes refs.json (externalRef to national number) into
the folder. Safe to run again: nothing is registered twice.

The calls carry access tokens that the card authority issues at --token-url (default
AUTH_TOKEN_URL, else the local authority) for the credential CIVIL_CLIENT_ID and
CIVIL_CLIENT_SECRET, which needs scope civil:write and audience civil-records. The secret is
read from the environment so that it stays out of the process list.`;

interface FeedCliOptions {
  clientId: string;
  clientSecret: string;
  dir: string;
  tokenUrl: string;
  url: string;
}

function readOptions(): FeedCliOptions {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      help: { type: 'boolean' },
      'token-url': {
        default: process.env.AUTH_TOKEN_URL ?? 'http://127.0.0.1:3004/oauth/token',
        type: 'string',
      },
      url: { default: 'http://127.0.0.1:3001', type: 'string' },
    },
  });

  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (!values.dir) throw new Error(`--dir is required\n${USAGE}`);

  const clientId = process.env.CIVIL_CLIENT_ID;
  const clientSecret = process.env.CIVIL_CLIENT_SECRET;

  if (!clientId || !clientSecret) {
    throw new Error(`CIVIL_CLIENT_ID and CIVIL_CLIENT_SECRET must be set\n${USAGE}`);
  }

  return {
    clientId,
    clientSecret,
    dir: values.dir,
    tokenUrl: values['token-url'],
    url: values.url,
  };
}

async function main(): Promise<void> {
  const options = readOptions();
  const summary = await feedPopulation({
    dir: options.dir,
    onProgress: (line) => process.stderr.write(`${line}\n`),
    tokens: new ClientCredentialsTokenSource({
      audience: 'civil-records',
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      scopes: ['civil:write'],
      tokenUrl: options.tokenUrl,
    }),
    url: options.url,
  });

  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`feed failed: ${(error as Error).message}\n`);
  process.exit(1);
});
