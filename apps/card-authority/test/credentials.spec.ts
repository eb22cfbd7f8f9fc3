import type { ErrorBody } from '@bitaqa/http';

import { AuthorityScopes } from '../src/auth/scopes';
import type { CredentialView, IssuedSecret } from '../src/credentials/credential';
import { CredentialsService } from '../src/credentials/credentials.service';

import { createCredential, requestToken, uniqueClientId } from './support/credentials';
import { authorityAuthorization, Harness } from './support/harness';

describe('credentials administration', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await Harness.start('credentials');
  });

  afterAll(async () => {
    await harness?.close();
  });

  async function events(clientId: string): Promise<{ action: string; actor: string }[]> {
    return harness.prisma.credentialEvent.findMany({
      orderBy: { id: 'asc' },
      select: { action: true, actor: true, details: true, reason: true },
      where: { clientId },
    });
  }

  it('shows the secret on creation only', async () => {
    const clientId = uniqueClientId('civil-app');
    const created = await createCredential(harness, {
      audiences: ['identity-registry'],
      clientId,
      kind: 'app',
      scopes: ['identity:verify'],
    });
    const list = await harness.http<{ items: CredentialView[] }>('GET', '/clients?kind=app');
    const one = await harness.http<CredentialView>('GET', `/clients/${clientId}`);
    const listed = list.body.items.find((item) => item.clientId === clientId);

    expect(created.clientId).toBe(clientId);
    expect(created.clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(listed).toMatchObject({ kind: 'app', scopes: ['identity:verify'], status: 'active' });
    expect(JSON.stringify(list.body)).not.toContain(created.clientSecret);
    expect(Object.keys(one.body)).not.toContain('secretHash');
    expect(one.body.audiences).toEqual(['identity-registry']);
  });

  it('generates a client id from the kind', async () => {
    const created = await createCredential(harness, {
      audiences: ['station-gateway'],
      kind: 'operator',
      scopes: ['station:operate'],
    });

    expect(created.clientId).toMatch(/^operator-[0-9a-f]{12}$/);
  });

  it('lists credentials a page at a time', async () => {
    const serviceId = uniqueClientId('paged');
    const created: string[] = [];

    for (const suffix of ['a', 'b', 'c']) {
      const credential = await createCredential(harness, {
        audiences: ['identity-registry'],
        clientId: `${serviceId}-${suffix}`,
        kind: 'service',
        scopes: ['identity:verify'],
        serviceId,
      });

      created.push(credential.clientId);
    }

    type Page = { items: CredentialView[]; nextAfter: string | null };
    const first = await harness.http<Page>('GET', `/clients?serviceId=${serviceId}&limit=2`);
    const second = await harness.http<Page>(
      'GET',
      `/clients?serviceId=${serviceId}&limit=2&after=${first.body.nextAfter}`,
    );

    expect(first.body.items.map((item) => item.clientId)).toEqual(created.slice(0, 2));
    expect(first.body.nextAfter).toBe(created[1]);
    expect(second.body.items.map((item) => item.clientId)).toEqual(created.slice(2));
    expect(second.body.nextAfter).toBeNull();
  });

  it('needs the officer scope', async () => {
    const cardsOnly = await authorityAuthorization([AuthorityScopes.cards]);
    const denied = await harness.http<ErrorBody>('GET', '/clients', undefined, cardsOnly);
    const anonymous = await harness.http<ErrorBody>('GET', '/clients', undefined, null);

    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('SCOPE_MISSING');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('TOKEN_MISSING');
  });

  it.each([
    ['a bad scope name', { scopes: ['Fuel Redeem'] }, 'scopes.0'],
    ['an unknown audience', { audiences: ['treasury'] }, 'audiences.0'],
    ['a station without a code', { kind: 'station' }, 'stationCode'],
    ['a service id on an operator', { serviceId: 'svc-1' }, 'serviceId'],
    [
      'a service id on a station',
      { kind: 'station', serviceId: 'svc-1', stationCode: 'ST-1' },
      'serviceId',
    ],
    ['a service without its id', { kind: 'service' }, 'serviceId'],
    ['a station code on an app', { kind: 'app', stationCode: 'ST-1' }, 'stationCode'],
    ['an upper-case client id', { clientId: 'Station-1' }, 'clientId'],
    ['an unknown field', { secret: 'mine' }, 'secret'],
  ])('rejects %s', async (_name, change, field) => {
    const before = await harness.prisma.credential.count();
    const { body, status } = await harness.http<ErrorBody>('POST', '/clients', {
      audiences: ['fuel-allocation'],
      description: 'rejected by validation',
      kind: 'operator',
      scopes: ['fuel:read'],
      ...change,
    });

    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.field).toBe(field);
    expect(await harness.prisma.credential.count()).toBe(before);
  });

  it('lets an app act for an agency', async () => {
    const client = await createCredential(harness, {
      audiences: ['identity-registry'],
      clientId: uniqueClientId('fuel-notices'),
      kind: 'app',
      scopes: ['identity:notify'],
      serviceId: 'fuel-allocation',
    });
    const { body, status } = await requestToken<{ access_token: string }>(harness, client);
    const payload = body.access_token.split('.')[1] as string;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
      string,
      unknown
    >;

    expect(status).toBe(200);
    expect(claims['kind']).toBe('app');
    expect(claims['svc']).toBe('fuel-allocation');
  });

  it('binds an attendant to a station', async () => {
    const client = await createCredential(harness, {
      audiences: ['station-gateway'],
      clientId: uniqueClientId('attendant'),
      kind: 'operator',
      scopes: ['station:operate'],
      stationCode: 'ST-SY01-001',
    });
    const { body, status } = await requestToken<{ access_token: string }>(harness, client);
    const payload = body.access_token.split('.')[1] as string;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
      string,
      unknown
    >;

    expect(status).toBe(200);
    expect(claims['kind']).toBe('operator');
    expect(claims['sta']).toBe('ST-SY01-001');
  });

  it('rejects a taken client id', async () => {
    const clientId = uniqueClientId('taken');
    const credential = {
      audiences: ['fuel-allocation'],
      clientId,
      description: 'first',
      kind: 'operator',
      scopes: ['fuel:read'],
    };

    await harness.http('POST', '/clients', credential);
    const second = await harness.http<ErrorBody>('POST', '/clients', credential);

    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'CREDENTIAL_EXISTS', value: clientId });
  });

  it('suspends, reinstates and revokes with an audit trail', async () => {
    const client = await createCredential(harness, {
      audiences: ['fuel-allocation'],
      clientId: uniqueClientId('station'),
      kind: 'station',
      scopes: ['fuel:redeem'],
      stationCode: 'ST-HMS-0007',
    });
    const path = `/clients/${client.clientId}`;
    const suspended = await harness.http<CredentialView>('POST', `${path}/suspend`, {
      reason: 'pump seals broken',
    });
    const reinstated = await harness.http<CredentialView>('POST', `${path}/reinstate`, {
      reason: 'seals replaced',
    });
    const revoked = await harness.http<CredentialView>('POST', `${path}/revoke`, {
      reason: 'station closed',
    });
    const again = await harness.http<ErrorBody>('POST', `${path}/reinstate`, {
      reason: 'reopened',
    });

    expect(suspended.body).toMatchObject({
      status: 'suspended',
      statusReason: 'pump seals broken',
    });
    expect(reinstated.body.status).toBe('active');
    expect(revoked.body.status).toBe('revoked');
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'CREDENTIAL_STATUS_CONFLICT',
      value: 'revoked',
    });
    expect(await events(client.clientId)).toEqual([
      expect.objectContaining({ action: 'created', actor: 'test-officer' }),
      expect.objectContaining({ action: 'suspended', reason: 'pump seals broken' }),
      expect.objectContaining({ action: 'reinstated', reason: 'seals replaced' }),
      expect.objectContaining({ action: 'revoked', reason: 'station closed' }),
    ]);
  });

  it('rotates a secret so the old one stops working', async () => {
    const client = await createCredential(harness, {
      audiences: ['civil-records'],
      clientId: uniqueClientId('rotate'),
      kind: 'app',
      scopes: ['civil:read'],
    });
    const rotated = await harness.http<IssuedSecret>(
      'POST',
      `/clients/${client.clientId}/rotate-secret`,
      { reason: 'secret leaked in a ticket' },
    );
    const withOld = await requestToken(harness, client);
    const withNew = await requestToken(harness, rotated.body);
    const trail = await events(client.clientId);

    expect(rotated.status).toBe(200);
    expect(rotated.body.clientSecret).not.toBe(client.clientSecret);
    expect(withOld.status).toBe(401);
    expect(withNew.status).toBe(200);
    expect(trail.map((event) => event.action)).toEqual(['created', 'secret_rotated']);
    expect(JSON.stringify(trail)).not.toContain(rotated.body.clientSecret);
  });

  it('answers 404 for an unknown client', async () => {
    const clientId = uniqueClientId('ghost');
    const { body, status } = await harness.http<ErrorBody>('POST', `/clients/${clientId}/revoke`, {
      reason: 'cleanup',
    });

    expect(status).toBe(404);
    expect(body.error).toMatchObject({ code: 'CREDENTIAL_NOT_FOUND', value: clientId });
  });

  it('keeps the credential log append-only', async () => {
    const client = await createCredential(harness, {
      audiences: ['kafka'],
      clientId: uniqueClientId('append'),
      kind: 'app',
      scopes: ['kafka:produce'],
    });

    await expect(
      harness.prisma
        .$executeRaw`UPDATE credential_events SET reason = 'x' WHERE client_id = ${client.clientId}`,
    ).rejects.toThrow(/append-only/);
    await expect(
      harness.prisma
        .$executeRaw`DELETE FROM credential_events WHERE client_id = ${client.clientId}`,
    ).rejects.toThrow(/append-only/);
  });

  it('creates inside the caller transaction', async () => {
    const service = harness.running.app.get(CredentialsService);
    const serviceId = uniqueClientId('svc');
    const input = {
      audiences: ['identity-registry'],
      description: 'agency service',
      kind: 'service' as const,
      scopes: ['identity:verify'],
      serviceId,
    };
    const rolledBack = harness.prisma.$transaction(async (tx) => {
      await service.create(input, tx);
      throw new Error('onboarding step failed');
    });

    await expect(rolledBack).rejects.toThrow('onboarding step failed');
    expect(await service.findByService(serviceId)).toEqual([]);

    const kept = await service.create(input);
    const found = await service.findByService(serviceId);

    expect(found.map((credential) => credential.clientId)).toEqual([kept.clientId]);
    await service.setStatus(kept.clientId, 'suspended', 'agency service suspended');
    expect((await service.get(kept.clientId)).status).toBe('suspended');
  });
});
