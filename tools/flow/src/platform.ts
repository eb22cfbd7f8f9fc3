import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

import { withDatabaseName } from '@bitaqa/db';
import { FakeSmsOperator } from '@bitaqa/testing';

import { provisionAgency } from './agencies';

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
  /** Bearer key of the identity registry's operators, random per run. */
  operatorKey: string;
  /** SMS operator stand-in the identity registry sends codes and notices to. */
  sms: FakeSmsOperator;
  /** Key fuel-allocation issued to the station gateway's station. */
  stationKey: string;
  stop(): Promise<void>;
  url(app: AppName): string;
}

/** Per-run secrets and keys that apps receive in their environment. */
interface PlatformSecrets {
  /** Key the identity registry issued to fuel allocation for its `fuel-turn` notices. */
  fuelTurnKey: string;
  operatorKey: string;
  otpHmacKey: string;
  sms: FakeSmsOperator;
  stationKey: string;
}

function randomKey(): string {
  return randomBytes(32).toString('base64url');
}

/** Makes this run's keys; the fuel-turn and station keys are issued once their apps are up. */
function newSecrets(): PlatformSecrets {
  return {
    fuelTurnKey: '',
    operatorKey: randomKey(),
    otpHmacKey: randomKey(),
    sms: new FakeSmsOperator(randomKey()),
    stationKey: '',
  };
}

function envFor(
  app: AppName,
  options: PlatformOptions,
  port: (app: AppName) => number,
  secrets: PlatformSecrets,
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
  if (app === 'identity-registry') {
    env.OPERATOR_API_KEY = secrets.operatorKey;
    env.OTP_HMAC_KEY = secrets.otpHmacKey;
    env.SMS_GATEWAY_TOKEN = secrets.sms.token;
    env.SMS_GATEWAY_URL = secrets.sms.url;
    // Notices go out within a tenth of a second instead of the default second.
    env.NOTIFICATION_POLL_INTERVAL_MS = '100';
  }
  if (app === 'fuel-allocation') {
    env.IDENTITY_REGISTRY_API_KEY = secrets.fuelTurnKey;
    env.IDENTITY_REGISTRY_URL = `http://127.0.0.1:${port('identity-registry')}`;
  }
  if (app === 'station-gateway') {
    env.FUEL_ALLOCATION_URL = `http://127.0.0.1:${port('fuel-allocation')}`;
    env.FUEL_STATION_KEY = secrets.stationKey;
    env.STATION_DB_PATH = join(options.stationDir, `${options.stationId}.sqlite`);
    env.STATION_ID = options.stationId;
  }

  return env;
}

/** Waits for the identity registry and registers fuel allocation there for turn notices. */
async function issueFuelTurnKey(identity: AppProcess, operatorKey: string): Promise<string> {
  await identity.waitUntilHealthy(120_000);

  return provisionAgency(identity.baseUrl, operatorKey, {
    attributes: [],
    name: 'Fuel allocation turn notices',
    purposes: ['fuel-turn'],
    serviceId: 'fuel-allocation',
  });
}

/**
 * Starts every app as a child process and waits until each returns 200 on `/health`. The
 * identity registry starts with a random operator key and a stand-in SMS operator. Fuel
 * allocation starts once the registry has issued it a `fuel-turn` agency key, and the station
 * gateway last, with the key fuel-allocation issues to its station. On failure it stops what it
 * started and rethrows, naming the app and its log file.
 */
export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const port = options.port ?? ((app: AppName) => APPS[app].port);
  const apps: Partial<Record<AppName, AppProcess>> = {};
  const secrets = newSecrets();
  const launch = (app: AppName): AppProcess => {
    const process = new AppProcess({
      env: envFor(app, options, port, secrets),
      logDir: options.logDir,
      name: app,
      port: port(app),
      repoRoot: options.repoRoot,
    });

    apps[app] = process;
    process.start();

    return process;
  };
  const stop = async (): Promise<void> => {
    await Promise.all(Object.values(apps).map((app) => app.stop()));
    await secrets.sms.stop().catch(() => undefined);
  };

  try {
    await secrets.sms.start();

    const first = APP_NAMES.filter((app) => app !== 'station-gateway' && app !== 'fuel-allocation');
    const started = first.map(launch);

    secrets.fuelTurnKey = await issueFuelTurnKey(
      apps['identity-registry'] as AppProcess,
      secrets.operatorKey,
    );

    const fuel = launch('fuel-allocation');

    await Promise.all([...started, fuel].map((app) => app.waitUntilHealthy(120_000)));
    secrets.stationKey = await issueStationKey(fuel.baseUrl, options.stationId);
    await launch('station-gateway').waitUntilHealthy(120_000);

    const all = apps as Record<AppName, AppProcess>;

    return {
      apps: all,
      operatorKey: secrets.operatorKey,
      sms: secrets.sms,
      stationKey: secrets.stationKey,
      stop,
      url: (app) => all[app].baseUrl,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
