import { loadKeyStoreConfig } from '../src/keys/key-store-config';

describe('loadKeyStoreConfig', () => {
  it('defaults to an in-memory software store', () => {
    expect(loadKeyStoreConfig({})).toEqual({ keyFile: undefined, kind: 'software' });
  });

  it('reads a software key file', () => {
    const config = loadKeyStoreConfig({ KEY_STORE: 'software', SOFTWARE_KEY_FILE: '/tmp/k.json' });

    expect(config).toEqual({ keyFile: '/tmp/k.json', kind: 'software' });
  });

  it('reads PKCS#11 settings with a token label', () => {
    const config = loadKeyStoreConfig({
      KEY_STORE: 'pkcs11',
      PKCS11_MODULE: '/usr/lib/softhsm/libsofthsm2.so',
      PKCS11_PIN: '4711',
      PKCS11_TOKEN_LABEL: 'bitaqa-issuer',
    });

    expect(config).toEqual({
      kind: 'pkcs11',
      modulePath: '/usr/lib/softhsm/libsofthsm2.so',
      pin: '4711',
      slotId: undefined,
      tokenLabel: 'bitaqa-issuer',
    });
  });

  it('reads PKCS#11 settings with a slot', () => {
    const config = loadKeyStoreConfig({
      KEY_STORE: 'pkcs11',
      PKCS11_MODULE: '/usr/lib/softhsm/libsofthsm2.so',
      PKCS11_PIN: '4711',
      PKCS11_SLOT: '3',
    });

    expect(config).toMatchObject({ slotId: 3, tokenLabel: undefined });
  });

  it('names every missing PKCS#11 variable', () => {
    const load = (): unknown => loadKeyStoreConfig({ KEY_STORE: 'pkcs11' });

    expect(load).toThrow(/PKCS11_MODULE is missing/);
    expect(load).toThrow(/PKCS11_PIN is missing/);
    expect(load).toThrow(/PKCS11_TOKEN_LABEL or PKCS11_SLOT is missing/);
  });

  it('rejects an unknown store kind', () => {
    expect(() => loadKeyStoreConfig({ KEY_STORE: 'vault' })).toThrow(/KEY_STORE/);
  });

  it('never echoes the PIN in errors', () => {
    const secret = 'pin-7c1e9a';
    const load = (): unknown =>
      loadKeyStoreConfig({ KEY_STORE: 'pkcs11', PKCS11_PIN: secret, PKCS11_SLOT: '-1' });
    let message = '';

    try {
      load();
    } catch (error) {
      message = String(error);
    }

    expect(message).toMatch(/PKCS11_SLOT/);
    expect(message).not.toContain(secret);
  });
});
