import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { JWK } from 'jose';

import { loadAuthorityAuthConfig } from './auth-config';
import { loadTokenKeys } from './token-keys';

describe('loadTokenKeys', () => {
  const folder = mkdtempSync(join(tmpdir(), 'authority-token-keys-'));
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = { ...(privateKey.export({ format: 'jwk' }) as JWK), kid: 'k1' };

  afterAll(() => rmSync(folder, { force: true, recursive: true }));

  function configFor(content: string | null) {
    const file = join(folder, `key-${Math.random().toString(36).slice(2)}.json`);

    if (content !== null) writeFileSync(file, content);

    return loadAuthorityAuthConfig({
      AUTH_ISSUER: 'test-issuer',
      AUTH_TOKEN_KEY_FILE: file,
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
  }

  it('publishes the public half only', async () => {
    const keys = await loadTokenKeys(configFor(JSON.stringify(jwk)));

    expect(keys.publicKey).toEqual({
      alg: 'ES256',
      crv: 'P-256',
      kid: 'k1',
      kty: 'EC',
      use: 'sig',
      x: jwk.x,
      y: jwk.y,
    });
    expect(keys.signer.issuer).toBe('test-issuer');
  });

  it('names a missing key file', async () => {
    await expect(loadTokenKeys(configFor(null))).rejects.toThrow(
      /AUTH_TOKEN_KEY_FILE names .* which cannot be read .*token-keys\.mjs/,
    );
  });

  it('rejects a public key and a key without kid', async () => {
    const { d: _d, ...publicOnly } = jwk;
    const { kid: _kid, ...withoutKid } = jwk;

    await expect(loadTokenKeys(configFor(JSON.stringify(publicOnly)))).rejects.toThrow(
      /private P-256 JWK with a kid/,
    );
    await expect(loadTokenKeys(configFor(JSON.stringify(withoutKid)))).rejects.toThrow(
      /private P-256 JWK with a kid/,
    );
  });

  it('rejects a file that is not JSON', async () => {
    await expect(loadTokenKeys(configFor('-----BEGIN'))).rejects.toThrow(/is not JSON/);
  });
});
