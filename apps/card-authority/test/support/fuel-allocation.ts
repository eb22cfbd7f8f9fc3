import { createLogger } from '@bitaqa/observability';
import {
  createTestDatabase,
  serviceAddresses,
  testAuthorization,
  type TestDatabase,
} from '@bitaqa/testing';

// The card authority and fuel-allocation share only Kafka topics. The replacement test starts
// the real fuel-allocation beside the authority on one topic prefix, which the app boundary
// rule forbids for production code.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { bootstrap, MIGRATIONS_DIR } from '../../../fuel-allocation/src/bootstrap';

/**
 * fuel-allocation's clock: 15 November 2026, inside the first heating-diesel period of the
 * 2026/27 season, so a family of two is granted 50 L.
 */
const FUEL_NOW = new Date('2026-11-15T09:00:00.000Z');

export interface FuelResult<Body> {
  body: Body;
  status: number;
}

/** fuel-allocation on its own test database, consuming the card authority's topics. */
export interface TestFuelAllocation {
  close(): Promise<void>;
  get<Body>(path: string): Promise<FuelResult<Body>>;
  post<Body>(path: string, body: unknown): Promise<FuelResult<Body>>;
  /** Posts a redemption with a token of the body's station (kind station, `sta` claim). */
  redeem<Body>(body: { stationId: string } & Record<string, unknown>): Promise<FuelResult<Body>>;
}

export async function startFuelAllocation(prefix: string): Promise<TestFuelAllocation> {
  const database: TestDatabase = await createTestDatabase('authority_fuel', MIGRATIONS_DIR);
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
      logger: createLogger('fuel-allocation', process.env.TEST_LOG_LEVEL ?? 'silent'),
    },
  );

  async function call<Body>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<FuelResult<Body>> {
    const response = await fetch(`${service.url}${path}`, {
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      method,
    });

    return { body: (await response.json()) as Body, status: response.status };
  }

  /** Calls fuel-allocation as a fuel programme officer, with the read and operate scopes. */
  async function officerCall<Body>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<FuelResult<Body>> {
    const authorization = await testAuthorization({
      audience: 'fuel-allocation',
      scopes: ['fuel:operate', 'fuel:read'],
      subject: 'test-fuel-officer',
    });

    return call(method, path, body, { authorization });
  }

  /** Signs a station's token, as the card authority issues it to the station's credential. */
  function stationAuthorization(stationId: string): Promise<string> {
    return testAuthorization({
      audience: 'fuel-allocation',
      kind: 'station',
      scopes: ['fuel:redeem'],
      stationCode: stationId,
      subject: `station-${stationId}`,
    });
  }

  return {
    close: async () => {
      await service.close();
      await database.drop();
    },
    get: (path) => officerCall('GET', path),
    post: (path, body) => officerCall('POST', path, body),
    redeem: async (body) => {
      const authorization = await stationAuthorization(body.stationId);

      return call('POST', '/redemptions', body, { authorization });
    },
  };
}
