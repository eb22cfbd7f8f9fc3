import { Controller, Get, type INestApplication, Module } from '@nestjs/common';

import {
  AuthModule,
  ClientCredentialsTokenSource,
  CurrentPrincipal,
  type Principal,
  RequireScopes,
} from '@bitaqa/auth';
import { createHttpApp } from '@bitaqa/http';
import { createLogger } from '@bitaqa/observability';

import type { IssuedSecret } from '../src/credentials/credential';
import type { OAuthErrorBody } from '../src/credentials/token/oauth-error.filter';
import type { TokenResponse } from '../src/credentials/token/token.service';

import { createCredential, requestToken, uniqueClientId } from './support/credentials';
import { authorityAuthorization, Harness } from './support/harness';

/** Failed attempts allowed per client id and minute in this suite. */
const FAILED_ATTEMPTS_LIMIT = 3;

interface CallerView {
  clientId: string;
  kind: string;
  scopes: string[];
  serviceId?: string;
  stationCode?: string;
}

@Controller()
class BalancesController {
  @Get('balances')
  @RequireScopes('fuel:read')
  balances(@CurrentPrincipal() principal: Principal): CallerView {
    return { ...principal, scopes: [...principal.scopes].sort() };
  }
}

/** Starts a second service that checks tokens against the authority's published key set. */
async function startFuelService(jwksUrl: string): Promise<INestApplication> {
  @Module({
    controllers: [BalancesController],
    imports: [
      AuthModule.forRoot({
        audience: 'fuel-allocation',
        settings: {
          audience: 'fuel-allocation',
          issuer: process.env['AUTH_ISSUER'] as string,
          keys: { url: jwksUrl },
        },
      }),
    ],
  })
  class FuelModule {}

  const app = await createHttpApp(FuelModule, { logger: createLogger('fuel-test', 'silent') });

  await app.listen(0, '127.0.0.1');

  return app;
}

describe('token endpoint', () => {
  let harness: Harness;
  let fuel: INestApplication;
  let fuelUrl: string;

  beforeAll(async () => {
    harness = await Harness.start('tokens', {
      auth: { failedAttemptsLimit: FAILED_ATTEMPTS_LIMIT },
    });
    fuel = await startFuelService(`${harness.baseUrl}/.well-known/jwks.json`);
    fuelUrl = await fuel.getUrl();
  });

  afterAll(async () => {
    await fuel?.close();
    await harness?.close();
  });

  async function callFuel(authorization: string): Promise<{ body: CallerView; status: number }> {
    const response = await fetch(`${fuelUrl}/balances`, { headers: { authorization } });

    return { body: (await response.json()) as CallerView, status: response.status };
  }

  function operator(scopes = ['fuel:read', 'fuel:operate']): Promise<IssuedSecret> {
    return createCredential(harness, {
      audiences: ['fuel-allocation', 'identity-registry'],
      clientId: uniqueClientId('operator'),
      kind: 'operator',
      scopes,
    });
  }

  it('issues a token that another service accepts', async () => {
    const client = await operator();
    const { body, headers, status } = await requestToken<TokenResponse>(harness, client, {
      audience: 'fuel-allocation',
      scope: 'fuel:read',
    });
    const call = await callFuel(`Bearer ${body.access_token}`);

    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(300);
    expect(body.scope).toBe('fuel:read');
    expect(call.status).toBe(200);
    expect(call.body).toMatchObject({ clientId: client.clientId, kind: 'operator' });
    expect(call.body.scopes).toEqual(['fuel:read']);
  });

  it('serves the client credentials token source of libs/auth', async () => {
    const client = await operator();
    const source = new ClientCredentialsTokenSource({
      ...client,
      audience: 'fuel-allocation',
      scopes: ['fuel:read'],
      tokenUrl: `${harness.baseUrl}/oauth/token`,
    });
    const call = await callFuel(await source.authorization());

    expect(call.status).toBe(200);
    expect(call.body.clientId).toBe(client.clientId);
  });

  it('grants every scope of the client when none is asked for', async () => {
    const client = await operator();
    const { body } = await requestToken<TokenResponse>(harness, client, {
      audience: 'fuel-allocation',
      auth: 'form',
    });
    const call = await callFuel(`Bearer ${body.access_token}`);

    expect(body.scope).toBe('fuel:operate fuel:read');
    expect(call.body.scopes).toEqual(['fuel:operate', 'fuel:read']);
  });

  it('puts the service id and station code in tokens', async () => {
    const station = await createCredential(harness, {
      audiences: ['fuel-allocation'],
      kind: 'station',
      scopes: ['fuel:read', 'fuel:redeem'],
      stationCode: 'ST-DAM-0042',
    });
    const service = await createCredential(harness, {
      audiences: ['fuel-allocation'],
      kind: 'service',
      scopes: ['fuel:read'],
      serviceId: 'svc-health-1',
    });
    const stationToken = await requestToken<TokenResponse>(harness, station);
    const serviceToken = await requestToken<TokenResponse>(harness, service);
    const stationCall = await callFuel(`Bearer ${stationToken.body.access_token}`);
    const serviceCall = await callFuel(`Bearer ${serviceToken.body.access_token}`);

    expect(stationCall.body).toMatchObject({ kind: 'station', stationCode: 'ST-DAM-0042' });
    expect(serviceCall.body).toMatchObject({ kind: 'service', serviceId: 'svc-health-1' });
  });

  it('rejects a bad secret and an unknown client', async () => {
    const client = await operator();
    const wrong = await requestToken<OAuthErrorBody>(harness, {
      ...client,
      // Changes the last character, whatever it was.
      clientSecret: `${client.clientSecret.slice(0, -1)}${client.clientSecret.endsWith('A') ? 'B' : 'A'}`,
    });
    const unknown = await requestToken<OAuthErrorBody>(
      harness,
      { ...client, clientId: uniqueClientId('nobody') },
      { auth: 'form' },
    );

    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({
      code: 'CLIENT_AUTHENTICATION_FAILED',
      error: 'invalid_client',
    });
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic /);
    expect(unknown.status).toBe(401);
    expect(unknown.body.error).toBe('invalid_client');
    expect(unknown.headers.get('www-authenticate')).toBeNull();
  });

  it('rejects a suspended or revoked client', async () => {
    const client = await operator();
    const reason = { reason: 'station closed for inspection' };

    await harness.http('POST', `/clients/${client.clientId}/suspend`, reason);
    const suspended = await requestToken<OAuthErrorBody>(harness, client);

    await harness.http('POST', `/clients/${client.clientId}/reinstate`, reason);
    const reinstated = await requestToken<TokenResponse>(harness, client);

    await harness.http('POST', `/clients/${client.clientId}/revoke`, reason);
    const revoked = await requestToken<OAuthErrorBody>(harness, client);

    expect(suspended.status).toBe(401);
    expect(suspended.body).toMatchObject({ code: 'CLIENT_SUSPENDED', error: 'invalid_client' });
    expect(reinstated.status).toBe(200);
    expect(revoked.status).toBe(401);
    expect(revoked.body).toMatchObject({ code: 'CLIENT_REVOKED', error: 'invalid_client' });
  });

  it('grants only a subset of the client scopes', async () => {
    const client = await operator(['fuel:read']);
    const wider = await requestToken<OAuthErrorBody>(harness, client, {
      scope: 'fuel:read fuel:operate',
    });
    const malformed = await requestToken<OAuthErrorBody>(harness, client, { scope: 'FUEL' });

    expect(wider.status).toBe(400);
    expect(wider.body).toMatchObject({
      code: 'SCOPE_NOT_ALLOWED',
      error: 'invalid_scope',
      value: ['fuel:operate'],
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 'SCOPE_MALFORMED', error: 'invalid_scope' });
  });

  it('rejects an audience the client may not call', async () => {
    const client = await operator();
    const { body, status } = await requestToken<OAuthErrorBody>(harness, client, {
      audience: 'civil-records',
    });

    expect(status).toBe(400);
    expect(body).toMatchObject({
      code: 'AUDIENCE_NOT_ALLOWED',
      error: 'invalid_target',
      value: 'civil-records',
    });
  });

  it('rejects a token for one service at another', async () => {
    const client = await operator();
    const { body } = await requestToken<TokenResponse>(harness, client, {
      audience: 'identity-registry',
      scope: 'fuel:read',
    });
    const call = await callFuel(`Bearer ${body.access_token}`);

    expect(call.status).toBe(401);
  });

  it.each([
    [
      'another grant type',
      { grantType: 'password' },
      'unsupported_grant_type',
      'GRANT_TYPE_UNSUPPORTED',
    ],
    ['no grant type', { grantType: '' }, 'invalid_request', 'GRANT_TYPE_MISSING'],
    [
      'two client authentications',
      { auth: 'both' as const },
      'invalid_request',
      'CLIENT_AUTHENTICATION_REPEATED',
    ],
  ])('rejects %s', async (_name, options, error, code) => {
    const client = await operator();
    const { body, status } = await requestToken<OAuthErrorBody>(harness, client, options);

    expect(status).toBe(400);
    expect(body).toMatchObject({ code, error });
  });

  it('rejects a JSON body and a request without credentials', async () => {
    const json = await fetch(`${harness.baseUrl}/oauth/token`, {
      body: JSON.stringify({ grant_type: 'client_credentials' }),
      headers: { 'content-type': 'application/json' },
      method: 'POST',
    });
    const anonymous = await fetch(`${harness.baseUrl}/oauth/token`, {
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
      method: 'POST',
    });

    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ code: 'TOKEN_REQUEST_NOT_FORM' });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: 'CLIENT_AUTHENTICATION_MISSING' });
  });

  it('accepts form bodies on the token endpoint only', async () => {
    const response = await fetch(`${harness.baseUrl}/clients`, {
      body: new URLSearchParams({ kind: 'app' }),
      headers: { authorization: await authorityAuthorization() },
      method: 'POST',
    });
    const body = (await response.json()) as { error: { code: string } };

    expect(response.status).toBe(415);
    expect(body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('blocks wrong secrets, never the owner', async () => {
    const client = await operator();
    const other = await operator();
    const guess = { ...client, clientSecret: 'guessed-secret' };

    for (let attempt = 1; attempt <= FAILED_ATTEMPTS_LIMIT; attempt += 1) {
      expect((await requestToken(harness, guess)).status).toBe(401);
    }

    const blocked = await requestToken<OAuthErrorBody>(harness, guess);
    const owner = await requestToken(harness, client);
    const otherClient = await requestToken(harness, other);

    expect(owner.status).toBe(200);
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({
      code: 'TOO_MANY_FAILED_ATTEMPTS',
      error: 'temporarily_unavailable',
    });
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(otherClient.status).toBe(200);
  });
});
