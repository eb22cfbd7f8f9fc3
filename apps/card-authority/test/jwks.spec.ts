import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { TokenSigner, TokenVerifier } from '@bitaqa/auth';
import type { JWK } from 'jose';

import { Harness } from './support/harness';

interface KeySet {
  keys: JWK[];
}

function privateJwk(kid: string): JWK {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });

  return { ...(privateKey.export({ format: 'jwk' }) as JWK), alg: 'ES256', kid };
}

describe('published key set', () => {
  const folder = mkdtempSync(join(tmpdir(), 'authority-jwks-'));
  const extraKeysFile = join(folder, 'jwks.json');
  const platformKeys = JSON.parse(
    readFileSync(process.env['AUTH_JWKS_FILE'] as string, 'utf8'),
  ) as KeySet;
  const signingKid = platformKeys.keys[0]?.kid;
  const next = privateJwk('next-signing-key');
  let harness: Harness;

  function writeExtraKeys(keys: JWK[]): void {
    writeFileSync(extraKeysFile, JSON.stringify({ keys }));
  }

  async function fetchKeySet(): Promise<{ body: KeySet; cacheControl: string | null }> {
    const response = await fetch(`${harness.baseUrl}/.well-known/jwks.json`);

    return {
      body: (await response.json()) as KeySet,
      cacheControl: response.headers.get('cache-control'),
    };
  }

  beforeAll(async () => {
    // The platform's own public key is listed too, and the authority publishes it once.
    writeExtraKeys([...platformKeys.keys, next]);
    harness = await Harness.start('jwks', { auth: { jwksFile: extraKeysFile } });
  });

  afterAll(async () => {
    await harness?.close();
    rmSync(folder, { force: true, recursive: true });
  });

  it('serves the signing key first without a token', async () => {
    const { body, cacheControl } = await fetchKeySet();

    expect(cacheControl).toBe('public, max-age=300');
    expect(body.keys.map((key) => key.kid)).toEqual([signingKid, 'next-signing-key']);
    expect(body.keys[0]).toMatchObject({ alg: 'ES256', crv: 'P-256', kty: 'EC', use: 'sig' });
  });

  it('publishes no private key member', async () => {
    const { body } = await fetchKeySet();

    expect(Object.keys(body.keys[0] ?? {}).sort()).toEqual([
      'alg',
      'crv',
      'kid',
      'kty',
      'use',
      'x',
      'y',
    ]);

    for (const key of body.keys) {
      expect(key).not.toHaveProperty('d');
    }
  });

  it('lets services check tokens of a rotated key', async () => {
    const verifier = new TokenVerifier({
      audience: 'civil-records',
      issuer: process.env['AUTH_ISSUER'] as string,
      keys: { url: `${harness.baseUrl}/.well-known/jwks.json` },
    });
    const signer = await TokenSigner.fromJwk(process.env['AUTH_ISSUER'] as string, next);
    const { token } = await signer.sign({
      audience: 'civil-records',
      kind: 'app',
      scopes: ['civil:read'],
      subject: 'rotation-test',
      ttlSeconds: 60,
    });

    await expect(verifier.verify(token)).resolves.toMatchObject({ clientId: 'rotation-test' });
  });

  it('stops publishing a key removed from the file', async () => {
    writeExtraKeys(platformKeys.keys);

    const { body } = await fetchKeySet();

    expect(body.keys.map((key) => key.kid)).toEqual([signingKid]);
  });
});
