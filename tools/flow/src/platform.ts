import { join } from 'node:path';

import { withDatabaseName } from '@bitaqa/db';

import { APP_NAMES, APPS, type AppName } from './app-catalogue';
import { AppProcess } from './app-process';

export interface PlatformOptions {
  kafkaBrokers: string;
  /** Folder for one log file per app. */
  logDir: string;
  /** Database name for an app; defaults to the app's own database. */
  databaseName?: (app: AppName) => string;
  /** HTTP port for an app; defaults to the catalogue's port. */
  port?: (app: AppName) => number;
  postgresUrl: string;
  redisUrl: string;
  repoRoot: string;
  /** Folder for the station's SQLite file. */
  stationDir: string;
  stationId: string;
  topicPrefix: string;
  vpcdPort: number;
}

export interface RunningPlatform {
  apps: Record<AppName, AppProcess>;
  stop(): Promise<void>;
  url(app: AppName): string;
}

function envFor(
  app: AppName,
  options: PlatformOptions,
  port: (app: AppName) => number,
): Record<string, string> {
  const spec = APPS[app];
  const env: Record<string, string> = {
    KAFKA_BROKERS: options.kafkaBrokers,
    KAFKA_TOPIC_PREFIX: options.topicPrefix,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    REDIS_URL: options.redisUrl,
  };

  if (spec.database) {
    env.DATABASE_URL = withDatabaseName(
      options.postgresUrl,
      options.databaseName?.(app) ?? spec.database,
    );
  }
  if (app === 'reader-gateway') {
    // Take the next job as soon as the encoder is free; the default half-second poll caps an
    // encoder at two cards a second.
    env.JOB_POLL_INTERVAL_MS = '20';
  }
  if (app === 'station-gateway') {
    env.FUEL_ALLOCATION_URL = `http://127.0.0.1:${port('fuel-allocation')}`;
    env.STATION_DB_PATH = join(options.stationDir, `${options.stationId}.sqlite`);
    env.STATION_ID = options.stationId;
  }

  return env;
}

/**
 * Starts every app as a child process and waits until each returns 200 on `/health`. On failure it
 * stops what it started and rethrows, naming the app and its log file.
 */
export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const port = options.port ?? ((app: AppName) => APPS[app].port);
  const apps = Object.fromEntries(
    APP_NAMES.map((app) => [
      app,
      new AppProcess({
        env: envFor(app, options, port),
        logDir: options.logDir,
        name: app,
        port: port(app),
        repoRoot: options.repoRoot,
      }),
    ]),
  ) as Record<AppName, AppProcess>;
  const stop = async (): Promise<void> => {
    await Promise.all(Object.values(apps).map((app) => app.stop()));
  };

  try {
    for (const app of Object.values(apps)) app.start();
    await Promise.all(Object.values(apps).map((app) => app.waitUntilHealthy(120_000)));
  } catch (error) {
    await stop();
    throw error;
  }

  return { apps, stop, url: (app) => apps[app].baseUrl };
}
