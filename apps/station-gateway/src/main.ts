import 'reflect-metadata';

import { bootstrap } from './bootstrap';
import { loadConfig } from './config';

// Nest's shutdown hooks (enabled by createHttpApp) close the app on SIGINT and SIGTERM.
async function main(): Promise<void> {
  await bootstrap(loadConfig());
}

main().catch((error: unknown) => {
  // The logger may not exist yet (bad configuration), so this line is written by hand as JSON.
  const err = error as Error & { code?: string };

  process.stderr.write(
    `${JSON.stringify({
      err: { code: err.code, message: err.message, stack: err.stack },
      level: 60,
      msg: 'service failed to start',
      service: 'station-gateway',
    })}\n`,
  );
  process.exit(1);
});
