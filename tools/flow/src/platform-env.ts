import { join } from 'node:path';

import { withDatabaseName } from '@bitaqa/db';
import type { FakeSmsOperator } from '@bitaqa/testing';

import { APPS, type AppName } from './app-catalogue';
import { jwksEndpoint, tokenEndpoint } from './auth/flow-tokens';
import {
  clientById,
  CLIENT_IDS,
  stationClientId,
  type PlatformClient,
} from './auth/platform-clients';
import type { PlatformOptions } from './platform';

/** Returns the station's issuer certificates file, written from the card authority at start. */
export function issuerCertificatesFile(stationDir: string): string {
  return join(stationDir, 'issuer-certificates.json');
}

/** Inputs that every app's environment in one run is built from. */
export interface EnvironmentInputs {
  clients: readonly PlatformClient[];
  /** The bootstrap file of `clients`, read by the card authority at start. */
  clientsFile: string;
  options: PlatformOptions;
  otpHmacKey: string;
  port: (app: AppName) => number;
  sms: FakeSmsOperator;
}

function localUrl(inputs: EnvironmentInputs, app: AppName): string {
  return `http://127.0.0.1:${inputs.port(app)}`;
}

/**
 * Token settings of an app. The card authority signs with the local platform's key and reads
 * the bootstrap file. Every other app checks tokens against the running authority's JWKS URL,
 * not a file copy, and gets neither the signing key nor the copy.
 */
function authEnvironment(
  app: AppName,
  inputs: EnvironmentInputs,
): Record<string, string | undefined> {
  const issuer = process.env.AUTH_ISSUER;

  if (!issuer) throw new Error('AUTH_ISSUER is unset; source .bitaqa/env first');
  if (app === 'card-authority') {
    return { AUTH_ISSUER: issuer, AUTHORITY_BOOTSTRAP_CLIENTS_FILE: inputs.clientsFile };
  }

  return {
    AUTH_ISSUER: issuer,
    AUTH_JWKS_FILE: undefined,
    AUTH_JWKS_URL: jwksEndpoint(localUrl(inputs, 'card-authority')),
    AUTH_TOKEN_KEY_FILE: undefined,
  };
}

/** Variables of one app only: its neighbours' addresses and its own credential. */
function appEnvironment(app: AppName, inputs: EnvironmentInputs): Record<string, string> {
  const tokenUrl = tokenEndpoint(localUrl(inputs, 'card-authority'));
  const secret = (clientId: string): string => clientById(inputs.clients, clientId).clientSecret;

  switch (app) {
    case 'card-authority':
      return { IDENTITY_REGISTRY_URL: localUrl(inputs, 'identity-registry') };
    case 'identity-registry':
      return {
        // Notices go out within a tenth of a second instead of the default second.
        NOTIFICATION_POLL_INTERVAL_MS: '100',
        OTP_HMAC_KEY: inputs.otpHmacKey,
        SMS_GATEWAY_TOKEN: inputs.sms.token,
        SMS_GATEWAY_URL: inputs.sms.url,
      };
    case 'fuel-allocation':
      return {
        AUTH_TOKEN_URL: tokenUrl,
        FUEL_CLIENT_ID: CLIENT_IDS.fuelApp,
        FUEL_CLIENT_SECRET: secret(CLIENT_IDS.fuelApp),
        IDENTITY_REGISTRY_URL: localUrl(inputs, 'identity-registry'),
      };
    case 'reader-gateway':
      return {
        AUTH_TOKEN_URL: tokenUrl,
        AUTHORITY_URL: localUrl(inputs, 'card-authority'),
        // Take the next job as soon as the encoder is free; the default half-second poll caps an
        // encoder at two cards a second.
        JOB_POLL_INTERVAL_MS: '20',
        READER_CLIENT_ID: CLIENT_IDS.readerApp,
        READER_CLIENT_SECRET: secret(CLIENT_IDS.readerApp),
      };
    case 'station-gateway': {
      const { stationDir, stationId } = inputs.options;

      return {
        AUTH_TOKEN_URL: tokenUrl,
        // NOTE: with CARD_AUTHORITY_URL the station also reads GET /keys/versions, which the
        // authority opens to officers only, so the station loads the certificates from a file.
        FUEL_ALLOCATION_URL: localUrl(inputs, 'fuel-allocation'),
        ISSUER_CERTIFICATES_FILE: issuerCertificatesFile(stationDir),
        STATION_CLIENT_ID: stationClientId(stationId),
        STATION_CLIENT_SECRET: secret(stationClientId(stationId)),
        STATION_DB_PATH: join(stationDir, `${stationId}.sqlite`),
        STATION_ID: stationId,
      };
    }
    default:
      return {};
  }
}

/** Builds the variables an app starts with in this run, set on top of the flow's own. */
export function environmentFor(
  app: AppName,
  inputs: EnvironmentInputs,
): Record<string, string | undefined> {
  const { options } = inputs;
  const database = APPS[app].database;

  return {
    KAFKA_BROKERS: options.kafkaBrokers,
    KAFKA_TOPIC_PREFIX: options.topicPrefix,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    REDIS_URL: options.redisUrl,
    ...(database
      ? {
          DATABASE_URL: withDatabaseName(
            options.postgresUrl,
            options.databaseName?.(app) ?? database,
          ),
        }
      : {}),
    ...authEnvironment(app, inputs),
    ...appEnvironment(app, inputs),
  };
}
