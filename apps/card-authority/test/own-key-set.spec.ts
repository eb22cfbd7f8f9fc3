import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';

import { TokenSigner } from '@bitaqa/auth';
import type { JWK } from 'jose';

import { Harness } from './support/harness';

/** Finds a free TCP port on loopback, for an app that must know its port before it listens. */
async function freePort(): Promise<number> {
  const server = createServer();

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const { port } = server.address() as { port: number };

  await new Promise((resolve) => server.close(resolve));

  return port;
}

describe('authority without a key set copy', () => {
  let harness: Harness;

  beforeAll(async () => {
    // Jest gives each test file its own process.env, so other suites keep the file.
    delete process.env['AUTH_JWKS_FILE'];
    harness = await Harness.start('own-key-set', { port: await freePort() });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('checks tokens against its own published keys', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const stranger = await TokenSigner.fromJwk(process.env['AUTH_ISSUER'] as string, {
      ...(privateKey.export({ format: 'jwk' }) as JWK),
      kid: 'stranger',
    });
    const foreign = await stranger.sign({
      audience: 'card-authority',
      kind: 'operator',
      scopes: ['authority:cards'],
      subject: 'stranger',
      ttlSeconds: 60,
    });
    const accepted = await harness.http('GET', '/stats');
    const rejected = await harness.http<{ error: { code: string } }>(
      'GET',
      '/stats',
      undefined,
      `Bearer ${foreign.token}`,
    );

    expect(accepted.status).toBe(200);
    expect(rejected.status).toBe(401);
    expect(rejected.body.error.code).toBe('TOKEN_KEY_UNKNOWN');
  });
});
