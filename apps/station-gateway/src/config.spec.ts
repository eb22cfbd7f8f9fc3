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

  it('reads the station key, empty as unset', () => {
    expect(loadConfig({ FUEL_STATION_KEY: 'bsk_abc', STATION_ID: 'ST-SY01-001' })).toMatchObject({
      fuelStationKey: 'bsk_abc',
    });
    expect(loadConfig({ FUEL_STATION_KEY: '', STATION_ID: 'ST-SY01-001' }).fuelStationKey).toBe(
      undefined,
    );
    expect(() => loadConfig({ FUEL_STATION_KEY: 'has space', STATION_ID: 'ST-SY01-001' })).toThrow(
      /^FUEL_STATION_KEY is invalid/,
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
