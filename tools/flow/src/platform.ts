import { join } from 'node:path';

import { withDatabaseName } from '@bitaqa/db';

import { APP_NAMES, APPS, type AppName } from './app-catalogue';
import { AppProcess } from './app-process';
import { issueStationKey } from './station-keys';

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
  /** Key fuel-allocation issued to the station gateway's station. */
  stationKey: string;
  stop(): Promise<void>;
  url(app: AppName): string;
}

function envFor(
  app: AppName,
  options: PlatformOptions,
  port: (app: AppName) => number,
  stationKey: string,
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
    env.FUEL_STATION_KEY = stationKey;
    env.STATION_DB_PATH = join(options.stationDir, `${options.stationId}.sqlite`);
    env.STATION_ID = options.stationId;
  }

  return env;
}

/**
 * Starts every app as a child process and waits until each returns 200 on `/health`. The
 * station gateway starts last, with the key fuel-allocation issues to its station. On failure
 * it stops what it started and rethrows, naming the app and its log file.
 */
export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const port = options.port ?? ((app: AppName) => APPS[app].port);
  const apps: Partial<Record<AppName, AppProcess>> = {};
  const processFor = (app: AppName, stationKey: string): AppProcess =>
    new AppProcess({
      env: envFor(app, options, port, stationKey),
      logDir: options.logDir,
      name: app,
      port: port(app),
      repoRoot: options.repoRoot,
    });
  const stop = async (): Promise<void> => {
    await Promise.all(Object.values(apps).map((app) => app.stop()));
  };

  try {
    const first = APP_NAMES.filter((app) => app !== 'station-gateway');

    for (const app of first) apps[app] = processFor(app, '');
    for (const app of first) apps[app]?.start();
    await Promise.all(first.map((app) => apps[app]?.waitUntilHealthy(120_000)));

    const stationKey = await issueStationKey(
      (apps['fuel-allocation'] as AppProcess).baseUrl,
      options.stationId,
    );
    const station = processFor('station-gateway', stationKey);

    apps['station-gateway'] = station;
    station.start();
    await station.waitUntilHealthy(120_000);

    const all = apps as Record<AppName, AppProcess>;

    return { apps: all, stationKey, stop, url: (app) => all[app].baseUrl };
  } catch (error) {
    await stop();
    throw error;
  }
}
