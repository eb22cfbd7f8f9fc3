import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import BetterSqlite3 from 'better-sqlite3';

import { serviceAddresses } from '@bitaqa/testing';

import { bootstrap, type StationGateway } from '../../src/bootstrap';
import { loadConfig, type StationConfig } from '../../src/config';

import { defaultIssuer } from './cards';
import { registerStationUrl } from './http';
import { writeIssuerCertificatesFile } from './issuer';

export interface TestStation {
  close(): Promise<void>;
  databasePath: string;
  gateway: StationGateway;
  /** Rows of a query on the station's SQLite file, through a read-only connection. */
  rows<T>(sql: string, ...values: unknown[]): T[];
  url: string;
}

/**
 * Starts a station gateway on a free port with its own SQLite file in a temporary folder. Unless
 * `env` names ISSUER_CERTIFICATES_FILE, the station trusts the default test issuer from a file.
 */
export async function startStation(
  stationId: string,
  env: Record<string, string>,
  overrides: Pick<StationConfig, 'fuelAllocationTokens'> = {},
): Promise<TestStation> {
  const folder = mkdtempSync(join(tmpdir(), `station-${stationId}-`));
  const databasePath = join(folder, 'station.sqlite');
  const anchorsPath = join(folder, 'issuer-certificates.json');

  writeIssuerCertificatesFile(anchorsPath, [await defaultIssuer()]);

  const config = loadConfig({
    ISSUER_CERTIFICATES_FILE: anchorsPath,
    KAFKA_BROKERS: serviceAddresses().kafkaBrokers,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    PORT: '0',
    STATION_DB_PATH: databasePath,
    STATION_ID: stationId,
    ...env,
  });
  // The fuel-allocation tokens are objects, which the environment cannot carry.
  const gateway = await bootstrap({ ...config, ...overrides });

  registerStationUrl(gateway.url, stationId);

  return {
    close: async () => {
      await gateway.close();
      rmSync(folder, { force: true, recursive: true });
    },
    databasePath,
    gateway,
    rows: <T>(sql: string, ...values: unknown[]) => {
      const database = new BetterSqlite3(databasePath, { readonly: true });

      try {
        return database.prepare(sql).all(...values) as T[];
      } finally {
        database.close();
      }
    },
    url: gateway.url,
  };
}
