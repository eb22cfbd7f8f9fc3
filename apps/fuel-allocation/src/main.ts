import 'reflect-metadata';

import { createLogger, errorFields } from '@bitaqa/observability';

import { bootstrap, SERVICE_NAME } from './bootstrap';
import { loadConfig } from './config';

/** Starts the service; Nest's shutdown hooks close it on SIGTERM or SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();

  await bootstrap(config, { logger: createLogger(SERVICE_NAME, config.logLevel) });
}

main().catch((error: unknown) => {
  createLogger(SERVICE_NAME).fatal({ err: errorFields(error) }, 'service failed to start');
  process.exit(1);
});
