import { type INestApplication, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';

import { PUBLIC_ROUTE, REQUIRED_SCOPES } from '@bitaqa/auth';
import type { ErrorBody } from '@bitaqa/http';
import { localTokenSigner, testAuthorization } from '@bitaqa/testing';

import { CIVIL_AUDIENCE, CIVIL_SCOPES } from '../src/auth/scopes';
import type { CivilStatusExtract } from '../src/extracts/extract-types';
import { PrismaService, type Tx } from '../src/infrastructure/prisma.service';
import type { PersonHistory } from '../src/persons/dto/person-view.dto';

import { importPersons, manRow, marriedCouple, womanRow } from './support/builders';
import { civilAuthorization, scopesOfRoute, TEST_CLIENT_ID } from './support/civil-auth';
import { startCivilTestApp, tableCounts, type CivilTestApp } from './support/civil-test-app';

interface Reply<Body> {
  body: Body;
  status: number;
}

/** A route of the app with the access rule its handler or controller declares. */
interface DeclaredRoute {
  handler: string;
  method: string;
  path: string;
  public: boolean;
  scopes: string[] | undefined;
}

function joinPath(prefix: string, path: string): string {
  const joined = `/${prefix}/${path}`.replace(/\/+/g, '/');

  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

/** Lists every HTTP route of the app's controllers with its `@Public` or `@RequireScopes`. */
function declaredRoutes(app: INestApplication): DeclaredRoute[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const routes: DeclaredRoute[] = [];

  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;

    if (!controller) continue;

    const prefix = Reflect.getMetadata(PATH_METADATA, controller) as string;

    for (const name of scanner.getAllMethodNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, unknown>)[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;

      if (path === undefined) continue;

      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
      const scopes = (Reflect.getMetadata(REQUIRED_SCOPES, handler) ??
        Reflect.getMetadata(REQUIRED_SCOPES, controller)) as string[] | undefined;
      const open = (Reflect.getMetadata(PUBLIC_ROUTE, handler) ??
        Reflect.getMetadata(PUBLIC_ROUTE, controller)) as boolean | undefined;

      routes.push({
        handler: `${controller.name}.${name}`,
        method: RequestMethod[method],
        path: joinPath(prefix, path),
        public: open === true,
        scopes,
      });
    }
  }

  return routes;
}

describe('access tokens on civil-records', () => {
  let api: CivilTestApp;

  beforeAll(async () => {
    api = await startCivilTestApp('access_tokens');
  });

  afterAll(async () => {
    await api.close();
  });

  async function call<Body = ErrorBody>(
    method: 'GET' | 'POST',
    path: string,
    authorization?: string,
    body?: unknown,
  ): Promise<Reply<Body>> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };

    if (authorization !== undefined) headers['authorization'] = authorization;

    const response = await fetch(`${api.running.url}${path}`, {
      body: body === undefined ? undefined : JSON.stringify(body),
      headers,
      method,
    });

    return { body: (await response.json()) as Body, status: response.status };
  }

  const birthOf = (parents: { husband: string; wife: string }) => ({
    birthDate: '2010-02-03',
    birthPlace: 'SY020000',
    fatherNationalNumber: parents.husband,
    givenNameAr: 'سامر',
    motherNationalNumber: parents.wife,
    sex: 'M',
  });

  it('request without token gets 401', async () => {
    const [number] = await importPersons(api, [manRow()]);
    const before = await tableCounts(api.sql);
    const read = await call('GET', `/persons/${number}`);
    const write = await call('POST', '/persons/import', undefined, [manRow()]);

    expect(read.status).toBe(401);
    expect(read.body.error.code).toBe('TOKEN_MISSING');
    expect(read.body.error.hint).toMatch(/oauth\/token/);
    expect(write.status).toBe(401);
    expect(write.body.error.code).toBe('TOKEN_MISSING');
    expect(await tableCounts(api.sql)).toEqual(before);
  });

  it('malformed header gets 401', async () => {
    const answer = await call('GET', '/stats', 'Basic dXNlcjpwYXNz');

    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('TOKEN_MALFORMED');
  });

  it('token for another audience gets 401', async () => {
    const authorization = await testAuthorization({
      audience: 'fuel-allocation',
      scopes: [CIVIL_SCOPES.read],
    });
    const answer = await call('GET', '/stats', authorization);

    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('TOKEN_CLAIM_INVALID');
    expect(answer.body.error.value).toBe('aud');
  });

  it('expired token gets 401', async () => {
    const signer = await localTokenSigner();
    // Two hours ago with a one-minute lifetime: past the verifier's 30-second clock tolerance.
    const signed = await signer.sign(
      {
        audience: CIVIL_AUDIENCE,
        kind: 'operator',
        scopes: [CIVIL_SCOPES.read],
        subject: TEST_CLIENT_ID,
        ttlSeconds: 60,
      },
      new Date(Date.now() - 2 * 3600 * 1000),
    );
    const answer = await call('GET', '/stats', `Bearer ${signed.token}`);

    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('TOKEN_EXPIRED');
  });

  it('read-only token cannot register', async () => {
    const parents = await marriedCouple(api);
    const before = await tableCounts(api.sql);
    const answer = await call(
      'POST',
      '/births',
      await civilAuthorization([CIVIL_SCOPES.read]),
      birthOf(parents),
    );

    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('SCOPE_MISSING');
    expect(answer.body.error.value).toEqual([CIVIL_SCOPES.write]);
    expect(await tableCounts(api.sql)).toEqual(before);
  });

  it('write token cannot start bulk import', async () => {
    const answer = await call('POST', '/imports', await civilAuthorization([CIVIL_SCOPES.write]), {
      personsPath: 'persons.csv',
    });

    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('SCOPE_MISSING');
    expect(answer.body.error.value).toEqual([CIVIL_SCOPES.import]);
  });

  it('write token cannot read a person', async () => {
    const [number] = await importPersons(api, [womanRow()]);
    const answer = await call(
      'GET',
      `/persons/${number}`,
      await civilAuthorization(['civil:write']),
    );

    expect(answer.status).toBe(403);
    expect(answer.body.error.value).toEqual([CIVIL_SCOPES.read]);
  });

  it('health check needs no token', async () => {
    const answer = await call<{ status: string }>('GET', '/health');

    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('ok');
  });

  it('extract check by serial needs no token', async () => {
    const [number] = await importPersons(api, [manRow()]);
    const unauthenticated = await call('GET', `/persons/${number}/extract`);
    const issued = await call<CivilStatusExtract>(
      'GET',
      `/persons/${number}/extract`,
      await civilAuthorization([CIVIL_SCOPES.read]),
    );
    const checked = await call<CivilStatusExtract>(
      'GET',
      `/extracts/${issued.body.serial}?sha256=${issued.body.sha256}`,
    );
    const stored = await api.sql.query<{ issued_by: string }>(
      'SELECT issued_by FROM issued_extracts WHERE subject = $1',
      [number],
    );

    expect(unauthenticated.status).toBe(401);
    expect(issued.status).toBe(200);
    expect(checked.status).toBe(200);
    expect(checked.body).toEqual(issued.body);
    expect(stored.rows).toEqual([{ issued_by: TEST_CLIENT_ID }]);
  });

  it('changes record the caller client id', async () => {
    const parents = await marriedCouple(api);
    const clerk = await testAuthorization({
      audience: CIVIL_AUDIENCE,
      scopes: [CIVIL_SCOPES.write],
      subject: 'interior-clerk-7',
    });
    const birth = await call<{ nationalNumber: string }>(
      'POST',
      '/births',
      clerk,
      birthOf(parents),
    );
    const child = birth.body.nationalNumber;
    const history = await api.get<PersonHistory>(`/persons/${child}/history`);
    const husband = await api.get<PersonHistory>(`/persons/${parents.husband}/history`);
    const outbox = await api.sql.query<{ recorded_by: string | null }>(
      'SELECT DISTINCT recorded_by FROM outbox_events WHERE message_key IN ($1, $2)',
      [child, parents.familyId],
    );

    expect(birth.status).toBe(201);
    expect(history.body.changes.map((change) => change.recordedBy)).toEqual(['interior-clerk-7']);
    expect(husband.body.changes.map((change) => [change.kind, change.recordedBy])).toEqual([
      ['import', TEST_CLIENT_ID],
      ['marriage', TEST_CLIENT_ID],
    ]);
    expect(outbox.rows.map((row) => row.recorded_by).sort()).toEqual([
      'interior-clerk-7',
      TEST_CLIENT_ID,
    ]);
  });

  it('client id stays in its transaction', async () => {
    const prisma = api.running.app.get(PrismaService);
    const setting = "SELECT current_setting('civil.recorded_by', true) AS value";
    const read = (tx: Tx) => tx.$queryRawUnsafe<{ value: string | null }[]>(setting);
    // More transactions than the pool's ten connections, so every connection served one.
    const inside = await Promise.all(
      Array.from({ length: 20 }, (_, index) => prisma.transactionAs(`client-${index}`, read)),
    );
    const after = await Promise.all(Array.from({ length: 20 }, () => prisma.transaction(read)));

    expect(inside.map((rows) => rows[0]?.value)).toEqual(
      Array.from({ length: 20 }, (_, index) => `client-${index}`),
    );
    expect(after.filter((rows) => rows[0]?.value)).toEqual([]);
  });

  describe('declared routes', () => {
    let routes: DeclaredRoute[];

    beforeAll(() => {
      routes = declaredRoutes(api.running.app);
    });

    it('every route is public or scoped', () => {
      const undeclared = routes.filter((route) => !route.public && route.scopes === undefined);

      expect(routes.length).toBeGreaterThan(20);
      expect(undeclared.map((route) => route.handler)).toEqual([]);
    });

    it('only health and extract check are public', () => {
      const open = routes.filter((route) => route.public).map((route) => route.path);

      expect(open.sort()).toEqual(['/extracts/:serial', '/health']);
    });

    it('routes require the catalogued scopes', () => {
      for (const route of routes) {
        const samplePath = route.path.replace(/:\w+/g, 'x');
        const declared = route.public ? [] : route.scopes;

        expect({ route: `${route.method} ${route.path}`, scopes: declared }).toEqual({
          route: `${route.method} ${route.path}`,
          scopes: scopesOfRoute(route.method, samplePath),
        });
      }
    });
  });
});
