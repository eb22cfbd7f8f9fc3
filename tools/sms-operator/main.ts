import { parseArgs } from 'node:util';

import { FakeSmsOperator } from '@bitaqa/testing';

const USAGE = `usage: node -r @swc-node/register tools/sms-operator/main.ts \\
  [--port 3090] [--host 127.0.0.1] [--token <bearer token>]

Runs a stand-in SMS operator for demos: it accepts POST /messages with the bearer token, keeps
the messages in memory and prints each one as a JSON line on stdout. The token defaults to
SMS_GATEWAY_TOKEN. GET /messages lists the messages, PUT /failure makes it fail and
DELETE /failure makes it recover. It stops on SIGINT or SIGTERM.`;

interface Options {
  host: string;
  port: number;
  token: string;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      help: { type: 'boolean' },
      host: { default: '127.0.0.1', type: 'string' },
      port: { default: '3090', type: 'string' },
      token: { type: 'string' },
    },
  });

  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }

  const port = Number(values.port);
  const token = values.token ?? process.env.SMS_GATEWAY_TOKEN;

  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`--port must be a port number, got "${values.port}"\n${USAGE}`);
  }
  if (!token) throw new Error(`set --token or SMS_GATEWAY_TOKEN\n${USAGE}`);

  return { host: values.host, port, token };
}

async function main(): Promise<void> {
  const options = readOptions();
  const operator = new FakeSmsOperator(options.token, (message) => {
    process.stdout.write(`${JSON.stringify({ event: 'message', ...message })}\n`);
  });

  await operator.start(options.port, options.host);
  process.stdout.write(
    `${JSON.stringify({ event: 'listening', url: `http://${options.host}:${operator.port}/messages` })}\n`,
  );

  const stop = (): void => {
    void operator.stop().then(() => process.exit(0));
  };

  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
