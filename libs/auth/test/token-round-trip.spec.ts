import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { JWK } from 'jose';

import { TokenSigner, TokenVerifier, type VerifierSettings } from '../src';

const ISSUER = 'test-authority';

function privateJwk(kid: string): JWK {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });

  return { ...(privateKey.export({ format: 'jwk' }) as JWK), alg: 'ES256', kid };
}

function publicSet(...keys: JWK[]): { keys: JWK[] } {
  return { keys: keys.map(({ d: _d, ...rest }) => rest) };
}

/** Serves a key set over HTTP on 127.0.0.1, as the card authority publishes its own. */
async function serveKeySet(body: () => unknown): Promise<{ server: Server; url: string }> {
  const server = createServer((_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(body()));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const { port } = server.address() as AddressInfo;

  return { server, url: `http://127.0.0.1:${port}/.well-known/jwks.json` };
}

describe('tokens signed by the authority and checked by a service', () => {
  const current = privateJwk('current');
  const stranger = privateJwk('stranger');
  let published = publicSet(current);
  let served: { server: Server; url: string };
  let settings: VerifierSettings;
  let signer: TokenSigner;

  beforeAll(async () => {
    served = await serveKeySet(() => published);
    settings = { audience: 'fuel-allocation', issuer: ISSUER, keys: { url: served.url } };
    signer = await TokenSigner.fromJwk(ISSUER, current);
  });

  afterAll(() => new Promise((resolve) => served.server.close(resolve)));

  const base = {
    audience: 'fuel-allocation',
    kind: 'station' as const,
    scopes: ['fuel:redeem'],
    stationCode: 'ST-0001',
    subject: 'station-0001',
    ttlSeconds: 120,
  };

  it('accepts a token and returns its principal', async () => {
    const { token } = await signer.sign(base);
    const principal = await new TokenVerifier(settings).verifyHeader(`Bearer ${token}`);

    expect(principal).toMatchObject({
      clientId: 'station-0001',
      kind: 'station',
      stationCode: 'ST-0001',
    });
    expect([...principal.scopes]).toEqual(['fuel:redeem']);
  });

  it.each([
    ['no header', undefined, 'TOKEN_MISSING'],
    ['a basic credential', 'Basic abc', 'TOKEN_MALFORMED'],
    ['garbage', 'Bearer abc.def.ghi', 'TOKEN_MALFORMED'],
  ])('refuses %s', async (_name, header, code) => {
    await expect(new TokenVerifier(settings).verifyHeader(header)).rejects.toMatchObject({
      code,
      status: 401,
    });
  });

  it('refuses another audience, an expired token and an unknown key', async () => {
    const verifier = new TokenVerifier(settings);
    const otherAudience = await signer.sign({ ...base, audience: 'civil-records' });
    const expired = await signer.sign(base, new Date(Date.now() - 600_000));
    const foreign = await (await TokenSigner.fromJwk(ISSUER, stranger)).sign(base);

    await expect(verifier.verify(otherAudience.token)).rejects.toMatchObject({
      code: 'TOKEN_CLAIM_INVALID',
    });
    await expect(verifier.verify(expired.token)).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
    await expect(verifier.verify(foreign.token)).rejects.toMatchObject({
      code: 'TOKEN_KEY_UNKNOWN',
    });
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const { token } = await signer.sign(base);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const widened = Buffer.from(
      JSON.stringify({ ...claims, scope: 'fuel:redeem fuel:operate' }),
    ).toString('base64url');

    await expect(
      new TokenVerifier(settings).verify(`${header}.${widened}.${signature}`),
    ).rejects.toMatchObject({
      code: 'TOKEN_SIGNATURE_INVALID',
    });
  });

  it('accepts a rotated key once the authority publishes it', async () => {
    const next = privateJwk('next');
    const verifier = new TokenVerifier({ ...settings, keys: { url: served.url } });
    const { token } = await (await TokenSigner.fromJwk(ISSUER, next)).sign(base);

    published = publicSet(current, next);

    await expect(verifier.verify(token)).resolves.toMatchObject({ clientId: 'station-0001' });
  });
});
