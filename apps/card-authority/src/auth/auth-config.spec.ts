import { ConfigError } from '../config';

import { loadAuthorityAuthConfig } from './auth-config';

const REQUIRED = {
  AUTH_ISSUER: 'bitaqa-card-authority',
  AUTH_TOKEN_KEY_FILE: '/etc/bitaqa/token-signing-key.json',
  REDIS_URL: 'redis://127.0.0.1:6379',
};

describe('loadAuthorityAuthConfig', () => {
  it('applies defaults', () => {
    expect(loadAuthorityAuthConfig(REQUIRED)).toEqual({
      bootstrapClientsFile: null,
      failedAttemptsLimit: 10,
      failedAttemptsWindowSeconds: 60,
      issuer: 'bitaqa-card-authority',
      jwksFile: null,
      redisKeyPrefix: 'card-authority:',
      redisUrl: 'redis://127.0.0.1:6379',
      tokenKeyFile: '/etc/bitaqa/token-signing-key.json',
      tokenTtlSeconds: 300,
    });
  });

  it('reads every variable', () => {
    const config = loadAuthorityAuthConfig({
      ...REQUIRED,
      AUTHORITY_BOOTSTRAP_CLIENTS_FILE: '/etc/bitaqa/clients.json',
      AUTHORITY_REDIS_KEY_PREFIX: 'ca-2:',
      AUTHORITY_TOKEN_FAILED_ATTEMPTS_LIMIT: '5',
      AUTHORITY_TOKEN_FAILED_ATTEMPTS_WINDOW_SECONDS: '300',
      AUTHORITY_TOKEN_TTL_SECONDS: '600',
      AUTH_JWKS_FILE: '/etc/bitaqa/jwks.json',
    });

    expect(config.bootstrapClientsFile).toBe('/etc/bitaqa/clients.json');
    expect(config.redisKeyPrefix).toBe('ca-2:');
    expect(config.failedAttemptsLimit).toBe(5);
    expect(config.failedAttemptsWindowSeconds).toBe(300);
    expect(config.tokenTtlSeconds).toBe(600);
    expect(config.jwksFile).toBe('/etc/bitaqa/jwks.json');
  });

  it('names missing variables with examples', () => {
    expect(() => loadAuthorityAuthConfig({})).toThrow(ConfigError);
    expect(() => loadAuthorityAuthConfig({})).toThrow(
      /AUTH_ISSUER is missing \(for example AUTH_ISSUER=bitaqa-card-authority\)/,
    );
    expect(() => loadAuthorityAuthConfig({})).toThrow(/AUTH_TOKEN_KEY_FILE is missing/);
    expect(() => loadAuthorityAuthConfig({})).toThrow(/REDIS_URL is missing/);
  });

  it('rejects a token lifetime over an hour', () => {
    expect(() =>
      loadAuthorityAuthConfig({ ...REQUIRED, AUTHORITY_TOKEN_TTL_SECONDS: '7200' }),
    ).toThrow(/AUTHORITY_TOKEN_TTL_SECONDS .*AUTHORITY_TOKEN_TTL_SECONDS=300/);
  });
});
