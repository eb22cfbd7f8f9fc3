import { randomBytes } from 'node:crypto';

import { FakeSmsOperator } from '@bitaqa/testing';

import { registerAgency } from './agencies';
import { APPS, type AppName } from './app-catalogue';
import { AppProcess } from './app-process';
import { PlatformAuth } from './auth/platform-auth';
import {
  FUEL_NOTICE_SERVICE,
  platformClients,
  writeBootstrapFile,
  type PlatformClient,
} from './auth/platform-clients';
import { environmentFor, issuerCertificatesFile, type EnvironmentInputs } from './platform-env';
import { ensureStation, nextStationId, writeIssuerCertificates } from './stations';

export interface PlatformOptions {
  /**
   * Bootstrap clients file written for the card authority (AUTHORITY_BOOTSTRAP_CLIENTS_FILE),
   * with every client secret of the run; written with mode 0600.
   */
  clientsFile: string;
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
  /** The station gateway's station; the next station of its governorate redeems directly. */
  stationId: string;
  topicPrefix: string;
  vpcdPort: number;
}

export interface RunningPlatform {
  apps: Record<AppName, AppProcess>;
  /** The run's credentials at the card authority and the flow's token sources. */
  auth: PlatformAuth;
  /** SMS operator stand-in the identity registry sends codes and notices to. */
  sms: FakeSmsOperator;
  /** The station after the gateway's, which redeems straight at fuel allocation. */
  secondStationId: string;
  stop(): Promise<void>;
  url(app: AppName): string;
}

const HEALTHY_WITHIN_MS = 120_000;

/** Apps started after the card authority and before fuel allocation. */
const SECOND_WAVE: AppName[] = ['civil-records', 'identity-registry', 'reader-gateway'];

/**
 * Starts every app as a child process and waits until each returns 200 on `/health`. The card
 * authority starts first, with the run's bootstrap clients. Its active issuer certificate goes
 * to the station's certificates file, and a token of the reader gateway's credential to that
 * gateway. The others check tokens against its JWKS URL. Before fuel allocation starts, the
 * identity registry's operator registers the agency that fuel's turn notices go under. Both
 * stations are ensured at fuel allocation before the station gateway starts. On failure it
 * stops what it started and rethrows, naming the app and its log file.
 */
export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const port = options.port ?? ((app: AppName) => APPS[app].port);
  const secondStationId = nextStationId(options.stationId);
  const clients: PlatformClient[] = platformClients([options.stationId, secondStationId]);
  const inputs: EnvironmentInputs = {
    clients,
    clientsFile: options.clientsFile,
    options,
    otpHmacKey: randomBytes(32).toString('base64url'),
    port,
    sms: new FakeSmsOperator(randomBytes(32).toString('base64url')),
  };
  const apps: Partial<Record<AppName, AppProcess>> = {};
  const launch = (app: AppName): AppProcess => {
    const process = new AppProcess({
      env: environmentFor(app, inputs),
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
    await inputs.sms.stop().catch(() => undefined);
  };

  try {
    writeBootstrapFile(options.clientsFile, clients);
    await inputs.sms.start();

    const authority = launch('card-authority');

    await authority.waitUntilHealthy(HEALTHY_WITHIN_MS);

    const auth = new PlatformAuth(authority.baseUrl, clients);

    await writeIssuerCertificates(authority.baseUrl, issuerCertificatesFile(options.stationDir));

    const second = SECOND_WAVE.map(launch);
    const identity = apps['identity-registry'] as AppProcess;

    await identity.waitUntilHealthy(HEALTHY_WITHIN_MS);
    await registerAgency(identity.baseUrl, auth.operator('identity-registry'), {
      attributes: [],
      name: 'Fuel allocation turn notices',
      purposes: ['fuel-turn'],
      serviceId: FUEL_NOTICE_SERVICE,
    });

    const fuel = launch('fuel-allocation');

    await Promise.all([...second, fuel].map((app) => app.waitUntilHealthy(HEALTHY_WITHIN_MS)));
    for (const stationId of [options.stationId, secondStationId]) {
      await ensureStation(fuel.baseUrl, auth.operator('fuel-allocation'), stationId);
    }
    await launch('station-gateway').waitUntilHealthy(HEALTHY_WITHIN_MS);

    const all = apps as Record<AppName, AppProcess>;

    return {
      apps: all,
      auth,
      secondStationId,
      sms: inputs.sms,
      stop,
      url: (app) => all[app].baseUrl,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
