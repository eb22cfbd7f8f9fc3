import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { readBootstrapClients } from '../src/credentials/bootstrap-clients';
import { CredentialsBootstrapService } from '../src/credentials/credentials-bootstrap.service';

import { requestToken, uniqueClientId } from './support/credentials';
import { Harness } from './support/harness';

describe('bootstrap clients file', () => {
  const folder = mkdtempSync(join(tmpdir(), 'authority-bootstrap-'));
  const file = join(folder, 'clients.json');
  const fuelApp = {
    audiences: ['identity-registry'],
    clientId: uniqueClientId('fuel-allocation'),
    clientSecret: 'fuel-allocation-local-secret-0001',
    kind: 'app',
    scopes: ['identity:notify'],
  };
  const station = {
    audiences: ['fuel-allocation'],
    clientId: uniqueClientId('station'),
    clientSecret: 'station-local-secret-0001',
    description: 'demo station in Damascus',
    kind: 'station',
    scopes: ['fuel:redeem'],
    stationCode: 'ST-DAM-0001',
  };
  let harness: Harness;

  function writeClients(clients: unknown): string {
    writeFileSync(file, JSON.stringify(clients));

    return file;
  }

  async function reload(): Promise<void> {
    await harness.running.app.get(CredentialsBootstrapService).onApplicationBootstrap();
  }

  async function actions(clientId: string): Promise<string[]> {
    const events = await harness.prisma.credentialEvent.findMany({
      orderBy: { id: 'asc' },
      where: { clientId },
    });

    return events.map((event) => event.action);
  }

  beforeAll(async () => {
    writeClients([fuelApp, station]);
    harness = await Harness.start('bootstrap', { auth: { bootstrapClientsFile: file } });
  });

  afterAll(async () => {
    await harness?.close();
    rmSync(folder, { force: true, recursive: true });
  });

  it('creates the clients at start', async () => {
    const token = await requestToken(harness, fuelApp, { audience: 'identity-registry' });
    const stored = await harness.prisma.credential.findUnique({
      where: { clientId: station.clientId },
    });

    expect(token.status).toBe(200);
    expect(stored).toMatchObject({ kind: 'station', stationCode: 'ST-DAM-0001' });
    expect(Buffer.from(stored?.secretHash ?? []).toString('utf8')).not.toContain('station-local');
    expect(await actions(fuelApp.clientId)).toEqual(['bootstrapped']);
  });

  it('leaves unchanged clients alone on reload', async () => {
    await reload();

    expect(await actions(fuelApp.clientId)).toEqual(['bootstrapped']);
  });

  it('updates a changed secret and scopes', async () => {
    const changed = {
      ...fuelApp,
      clientSecret: 'fuel-allocation-local-secret-0002',
      scopes: ['identity:notify', 'identity:verify'],
    };

    writeClients([changed, station]);
    await reload();

    const old = await requestToken(harness, fuelApp);
    const current = await requestToken<{ scope: string }>(harness, changed);

    expect(old.status).toBe(401);
    expect(current.status).toBe(200);
    expect(current.body.scope).toBe('identity:notify identity:verify');
    expect(await actions(fuelApp.clientId)).toEqual(['bootstrapped', 'bootstrapped']);
  });

  it('creates a client once when two instances start together', async () => {
    const readerGateway = {
      audiences: ['card-authority'],
      clientId: uniqueClientId('reader-gateway'),
      clientSecret: 'reader-gateway-local-secret-0001',
      kind: 'app',
      scopes: ['authority:personalize'],
    };

    writeClients([fuelApp, station, readerGateway]);
    await Promise.all([reload(), reload(), reload()]);

    expect(await actions(readerGateway.clientId)).toEqual(['bootstrapped']);
    expect((await requestToken(harness, readerGateway)).status).toBe(200);
  });

  it('keeps an officer suspension', async () => {
    await harness.http('POST', `/clients/${station.clientId}/suspend`, {
      reason: 'pump seals broken',
    });
    writeClients([fuelApp, { ...station, scopes: ['fuel:read', 'fuel:redeem'] }]);
    await reload();

    const stored = await harness.prisma.credential.findUnique({
      where: { clientId: station.clientId },
    });

    expect(stored?.status).toBe('suspended');
    expect(stored?.scopes).toEqual(['fuel:read', 'fuel:redeem']);
  });

  it.each([
    [
      'a short secret',
      [{ ...station, clientSecret: 'short' }],
      /0\.clientSecret must be at least 16/,
    ],
    ['a repeated client id', [station, station], /lists a client id twice/],
    [
      'a station without a code',
      [{ ...station, stationCode: undefined }],
      /0\.stationCode is required/,
    ],
    [
      'a secret with a colon',
      [{ ...station, clientSecret: 'station:secret-0001' }],
      /0\.clientSecret must use only/,
    ],
  ])('rejects a file with %s', async (_name, clients, message) => {
    await expect(readBootstrapClients(writeClients(clients))).rejects.toThrow(message);
  });

  it('rejects a file that is not JSON', async () => {
    writeFileSync(file, '[{');

    await expect(readBootstrapClients(file)).rejects.toThrow(
      /AUTHORITY_BOOTSTRAP_CLIENTS_FILE .* cannot be read as JSON/,
    );
  });
});
