import { authorityVerifierSettings } from './verifier-settings';

const ENV = { AUTH_ISSUER: 'bitaqa-card-authority' };

describe('authorityVerifierSettings', () => {
  it('uses a configured key file', () => {
    const settings = authorityVerifierSettings(
      { host: '0.0.0.0', port: 3004 },
      { ...ENV, AUTH_JWKS_FILE: '/etc/bitaqa/jwks.json' },
    );

    expect(settings.keys).toEqual({ file: '/etc/bitaqa/jwks.json' });
    expect(settings.audience).toBe('card-authority');
  });

  it('reads its own key set on loopback', () => {
    const settings = authorityVerifierSettings({ host: '0.0.0.0', port: 3004 }, ENV);

    expect(settings.keys).toEqual({ url: 'http://127.0.0.1:3004/.well-known/jwks.json' });
  });

  it('reads its own key set on the bound address', () => {
    const ipv4 = authorityVerifierSettings({ host: '10.1.2.3', port: 3004 }, ENV);
    const ipv6 = authorityVerifierSettings({ host: '::1', port: 3004 }, ENV);

    expect(ipv4.keys).toEqual({ url: 'http://10.1.2.3:3004/.well-known/jwks.json' });
    expect(ipv6.keys).toEqual({ url: 'http://[::1]:3004/.well-known/jwks.json' });
  });

  it('needs a key source with port 0', () => {
    expect(() => authorityVerifierSettings({ host: '127.0.0.1', port: 0 }, ENV)).toThrow(
      /AUTH_JWKS_URL/,
    );
  });
});
