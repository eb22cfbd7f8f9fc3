import 'reflect-metadata';

import { createLogger, errorFields } from '@bitaqa/observability';

import { bootstrap, SERVICE_NAME } from './bootstrap';
import { loadConfig } from './config';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(SERVICE_NAME, config.logLevel);
  const service = await bootstrap(config, { logger });

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutdown requested');
    service.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: errorFields(error) }, 'shutdown failed');
        process.exit(1);
      },
    );
  };

  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  createLogger(SERVICE_NAME).fatal({ err: errorFields(error) }, 'service failed to start');
  process.exit(1);
});
