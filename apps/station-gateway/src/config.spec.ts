import { ConfigError, consumerGroupId, loadConfig } from './config';

describe('loadConfig', () => {
  it('applies defaults', () => {
    const config = loadConfig({ STATION_ID: 'ST-SY01-001' });

    expect(config).toMatchObject({
      cardWaitMs: 5_000,
      databasePath: '.bitaqa/station/ST-SY01-001.sqlite',
      fuelAllocationMaxAttempts: 4,
      fuelAllocationUrl: 'http://127.0.0.1:3003',
      kafkaTopicPrefix: '',
      port: 3006,
      readerName: undefined,
      timeZone: 'Asia/Damascus',
    });
    expect(consumerGroupId(config)).toBe('station-gateway-ST-SY01-001');
    expect(consumerGroupId({ ...config, kafkaTopicPrefix: 'test-a.' })).toBe(
      'test-a.station-gateway-ST-SY01-001',
    );
  });

  it('names a missing station id', () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
    expect(() => loadConfig({})).toThrow(/^STATION_ID is missing; .*ST-SY01-001/);
  });

  it.each([
    ['PORT', '70000'],
    ['FUEL_ALLOCATION_URL', 'ftp://fuel'],
    ['FUEL_ALLOCATION_MAX_ATTEMPTS', '0'],
    ['STATION_TIME_ZONE', 'Mars/Olympus'],
    ['STATION_ID', 'has space'],
  ])('names an invalid %s', (name, value) => {
    expect(() => loadConfig({ STATION_ID: 'ST-SY01-001', [name]: value })).toThrow(
      new RegExp(`^${name} is invalid`),
    );
  });

  it('reads the station credential, empty as unset', () => {
    const credential = {
      AUTH_TOKEN_URL: 'http://127.0.0.1:3004/oauth/token',
      STATION_CLIENT_ID: 'station-ST-SY01-001',
      STATION_CLIENT_SECRET: 'secret-from-the-authority',
      STATION_ID: 'ST-SY01-001',
    };
    const empty = { AUTH_TOKEN_URL: '', STATION_CLIENT_ID: '', STATION_CLIENT_SECRET: '' };

    expect(loadConfig(credential).stationCredentials).toEqual({
      clientId: 'station-ST-SY01-001',
      clientSecret: 'secret-from-the-authority',
      tokenUrl: 'http://127.0.0.1:3004/oauth/token',
    });
    expect(loadConfig({ ...empty, STATION_ID: 'ST-SY01-001' }).stationCredentials).toBe(undefined);
    expect(() => loadConfig({ ...credential, STATION_CLIENT_SECRET: '' })).toThrow(
      /^AUTH_TOKEN_URL, STATION_CLIENT_ID and STATION_CLIENT_SECRET go together/,
    );
    expect(() => loadConfig({ ...credential, AUTH_TOKEN_URL: 'authority/oauth/token' })).toThrow(
      /^AUTH_TOKEN_URL is invalid/,
    );
  });

  it('drops a trailing slash from the fuel-allocation URL', () => {
    const config = loadConfig({
      FUEL_ALLOCATION_URL: 'http://127.0.0.1:4000/',
      STATION_ID: 'ST-SY01-001',
    });

    expect(config.fuelAllocationUrl).toBe('http://127.0.0.1:4000');
  });
});
