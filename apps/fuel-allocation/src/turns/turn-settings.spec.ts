import { loadConfig } from '../config';

import { DEFAULT_TURN_SETTINGS } from './turn-settings';

const required = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/bitaqa_fuel_allocation',
  KAFKA_BROKERS: '127.0.0.1:19092',
};

describe('turn settings from the environment', () => {
  it('defaults apply', () => {
    const config = loadConfig(required);

    expect(config.turns).toEqual(DEFAULT_TURN_SETTINGS);
    expect(config.identityRegistryUrl).toBe('http://127.0.0.1:3002');
    expect(config.identityRegistryCredentials).toBeUndefined();
  });

  it('variables are read', () => {
    const config = loadConfig({
      ...required,
      AUTH_TOKEN_URL: 'http://card-authority:3004/oauth/token',
      FUEL_CLIENT_ID: 'fuel-allocation',
      FUEL_CLIENT_SECRET: 'secret-from-the-authority',
      IDENTITY_REGISTRY_URL: 'http://identity-registry:3002',
      TURN_DAY_END: '14:30',
      TURN_DAY_START: '07:30',
      TURN_MAX_EXPIRIES: '3',
      TURN_NOTICE_TIMEOUT_MS: '2000',
      TURN_SCHEDULER_INTERVAL_MS: '0',
      TURN_SLOT_MINUTES: '60',
    });

    expect(config.identityRegistryUrl).toBe('http://identity-registry:3002');
    expect(config.identityRegistryCredentials).toEqual({
      clientId: 'fuel-allocation',
      clientSecret: 'secret-from-the-authority',
      tokenUrl: 'http://card-authority:3004/oauth/token',
    });
    expect(config.turns).toEqual({
      ...DEFAULT_TURN_SETTINGS,
      dayEndMinute: 14 * 60 + 30,
      dayStartMinute: 7 * 60 + 30,
      maxExpiriesPerPeriod: 3,
      noticeTimeoutMs: 2000,
      schedulerIntervalMs: 0,
      slotMinutes: 60,
    });
  });

  it.each([
    [{ TURN_DAY_START: '8:00' }, 'TURN_DAY_START'],
    [{ TURN_DAY_END: '24:00' }, 'TURN_DAY_END'],
    [{ TURN_DAY_END: '07:00' }, 'TURN_DAY_END'],
    [{ TURN_SLOT_MINUTES: '600' }, 'TURN_SLOT_MINUTES'],
    [{ TURN_MAX_EXPIRIES: '0' }, 'TURN_MAX_EXPIRIES'],
    [{ TURN_SCHEDULER_INTERVAL_MS: '10' }, 'TURN_SCHEDULER_INTERVAL_MS'],
    [{ IDENTITY_REGISTRY_URL: 'ftp://registry' }, 'IDENTITY_REGISTRY_URL'],
    [{ AUTH_TOKEN_URL: 'card-authority/oauth/token' }, 'AUTH_TOKEN_URL'],
    [{ FUEL_CLIENT_ID: 'fuel-allocation' }, 'AUTH_TOKEN_URL, FUEL_CLIENT_SECRET missing'],
    [
      { AUTH_TOKEN_URL: 'http://127.0.0.1:3004/oauth/token', FUEL_CLIENT_ID: 'fuel-allocation' },
      'FUEL_CLIENT_SECRET missing',
    ],
  ])('%o rejected', (variables, name) => {
    expect(() => loadConfig({ ...required, ...variables })).toThrow(name);
  });
});
