import 'reflect-metadata';

import { createLogger, errorFields } from '@bitaqa/observability';

import { bootstrap, SERVICE_NAME } from './bootstrap';
import { loadConfig } from './config';

// Nest's shutdown hooks (enabled by createHttpApp) close the app on SIGINT and SIGTERM: the
// HTTP server and the event consumer stop first, then the outbox relay, Redis and the database.
bootstrap(loadConfig()).catch((error: unknown) => {
  createLogger(SERVICE_NAME).fatal({ err: errorFields(error) }, 'service failed to start');
  process.exit(1);
});
