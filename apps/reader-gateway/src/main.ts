import 'reflect-metadata';

import { createLogger, errorFields } from '@bitaqa/observability';

import { bootstrap, SERVICE_NAME } from './bootstrap';
import { loadConfig } from './config';

// Nest's shutdown hooks (enabled by createHttpApp) close the app on SIGINT and SIGTERM, which
// stops the encoders after their current card and then the outbox relay.
async function main(): Promise<void> {
  const config = loadConfig();

  await bootstrap(config, { logger: createLogger(SERVICE_NAME, config.logLevel) });
}

main().catch((error: unknown) => {
  createLogger(SERVICE_NAME).fatal({ err: errorFields(error) }, 'service failed to start');
  process.exit(1);
});
