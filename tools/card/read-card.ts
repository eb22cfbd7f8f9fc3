import { PcscClient, readCard, vpcdReaderName } from '@bitaqa/card';
import { createLogger, errorFields } from '@bitaqa/observability';

import { integerOption, parseOptions } from './cli-args';

const USAGE = `usage: read-card [--reader "Virtual PCD 00 01"] [--timeout-ms 10000]
Waits for a card in the reader (vpcd slot 0 by default), reads it and prints its contents as JSON.`;

const logger = createLogger('read-card');

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), ['reader', 'timeout-ms'], USAGE);
  const reader = options.get('reader') ?? vpcdReaderName(0);
  const connection = await new PcscClient().connectWhenPresent(reader, {
    timeoutMs: integerOption(options, 'timeout-ms', 10000, USAGE),
  });
  try {
    process.stdout.write(`${JSON.stringify(await readCard(connection), null, 2)}\n`);
  } finally {
    connection.disconnect('leave');
  }
}

main().catch((error: unknown) => {
  logger.error({ err: errorFields(error) }, 'read-card failed');
  process.exit(1);
});
