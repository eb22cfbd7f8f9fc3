import { Client } from 'pg';

import type { TokenSource } from '@bitaqa/auth';
import { createLogger } from '@bitaqa/observability';
import {
  createTestDatabase,
  serviceAddresses,
  testAuthorization,
  testTokenSource,
  type TestDatabase,
} from '@bitaqa/testing';

// The station reaches fuel-allocation over HTTP only; this test support starts the real service
// beside it, which the app boundary rule forbids for production code.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { bootstrap, MIGRATIONS_DIR } from '../../../fuel-allocation/src/bootstrap';

import type { JsonResponse } from './http';

/**
 * fuel-allocation's clock: 15 November 2026, inside the first heating-diesel period of the
 * 2026/27 season (1 October to 30 December), so a family of two is granted 50 L.
 */
const FUEL_NOW = new Date('2026-11-15T09:00:00.000Z');

interface EntitlementsBody {
  entitlements: { balance: number; productCode: string }[];
}

/** fuel-allocation on its own test database, sharing the station's topic prefix. */
export interface TestFuelAllocation {
  /** Remaining balance of one family's product in the current period. */
  balance(familyId: string, productCode: string): Promise<number>;
  close(): Promise<void>;
  /** GET of a fuel-allocation path with a fuel:read token, as a fuel programme officer reads. */
  read<T>(path: string): Promise<JsonResponse<T>>;
  /** Number of redemptions recorded under an idempotency key. */
  redemptionCount(idempotencyKey: string): Promise<number>;
  /**
   * Tokens like the card authority issues to a station's credential: kind station, scope
   * fuel:redeem and the station id as the `sta` claim.
   */
  stationTokens(stationId: string): Promise<TokenSource>;
  url: string;
}

export async function startFuelAllocation(prefix: string): Promise<TestFuelAllocation> {
  const database: TestDatabase = await createTestDatabase('station_fuel', MIGRATIONS_DIR);
  const service = await bootstrap(
    {
      databasePoolSize: 4,
      databaseUrl: database.url,
      kafkaBrokers: serviceAddresses().kafkaBrokers,
      kafkaTopicPrefix: prefix,
      logLevel: 'warn',
      migrateOnStart: false,
      port: 0,
      timeZone: 'Asia/Damascus',
      transactionTimeoutMs: 30_000,
    },
    {
      clock: { now: () => FUEL_NOW },
      logger: createLogger('fuel-allocation', process.env.LOG_LEVEL ?? 'silent'),
    },
  );
  const sql = new Client({ connectionString: database.url });
  const reader = await testAuthorization({ audience: 'fuel-allocation', scopes: ['fuel:read'] });
  const read = async <T>(path: string): Promise<JsonResponse<T>> => {
    const response = await fetch(`${service.url}${path}`, { headers: { authorization: reader } });

    return { body: (await response.json()) as T, status: response.status };
  };

  await sql.connect();

  return {
    balance: async (familyId, productCode) => {
      const { body } = await read<EntitlementsBody>(`/families/${familyId}/entitlements`);
      const entitlement = body.entitlements.find((item) => item.productCode === productCode);

      return entitlement?.balance ?? 0;
    },
    close: async () => {
      await sql.end();
      await service.close();
      await database.drop();
    },
    read,
    redemptionCount: async (idempotencyKey) => {
      const result = await sql.query<{ count: string }>(
        'SELECT COUNT(*) AS count FROM redemptions WHERE idempotency_key = $1',
        [idempotencyKey],
      );

      return Number(result.rows[0]?.count);
    },
    stationTokens: (stationId) =>
      testTokenSource({
        audience: 'fuel-allocation',
        kind: 'station',
        scopes: ['fuel:redeem'],
        stationCode: stationId,
        subject: `station-${stationId}`,
      }),
    url: service.url,
  };
}
