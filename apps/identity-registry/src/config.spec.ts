import { loadConfig } from './config';

describe('loadConfig token settings', () => {
  const base = {
    DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/bitaqa_identity_registry',
    KAFKA_BROKERS: '127.0.0.1:19092',
    REDIS_URL: 'redis://127.0.0.1:6379',
  };

  it('reads issuer and key set', () => {
    const config = loadConfig({
      ...base,
      AUTH_ISSUER: 'bitaqa-card-authority',
      AUTH_JWKS_URL: 'http://127.0.0.1:3004/.well-known/jwks.json',
    });

    expect(config.auth).toEqual({
      audience: 'identity-registry',
      clockToleranceSeconds: 30,
      issuer: 'bitaqa-card-authority',
      keys: { url: 'http://127.0.0.1:3004/.well-known/jwks.json' },
    });
  });

  it('names missing issuer with other problems', () => {
    const load = () =>
      loadConfig({ ...base, AUTH_JWKS_FILE: '/etc/bitaqa/token-jwks.json', REDIS_URL: 'x' });

    expect(load).toThrow(/REDIS_URL must be a Redis URL/);
    expect(load).toThrow(/set AUTH_ISSUER/);
  });

  it('names missing key set', () => {
    expect(() => loadConfig({ ...base, AUTH_ISSUER: 'bitaqa-card-authority' })).toThrow(
      /AUTH_JWKS_URL .* or AUTH_JWKS_FILE/,
    );
  });
});
