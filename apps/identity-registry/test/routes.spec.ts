import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import request from 'supertest';

import { PUBLIC_ROUTE, REQUIRED_SCOPES } from '@bitaqa/auth';
import { testAuthorization } from '@bitaqa/testing';

import { IdentityScopes } from '../src/auth/scopes';

import { freshNationalNumber } from './support/civil-builders';
import { RegistryHarness } from './support/registry-harness';

/**
 * Every HTTP route of the registry and who may call it: `public`, or the scopes it requires.
 * A route added without an entry here fails the first test until someone decides its access.
 */
const EXPECTED_ACCESS: Record<string, 'public' | string[]> = {
  'DELETE /identities/:nationalNumber/mobile': [IdentityScopes.operate],
  'GET /agencies/:serviceId': [IdentityScopes.agencies],
  'GET /duplicates': [IdentityScopes.operate],
  'GET /duplicates/:id': [IdentityScopes.operate],
  'GET /health': 'public',
  'GET /identities/:nationalNumber': [IdentityScopes.operate],
  'GET /identities/:nationalNumber/lookups': [IdentityScopes.operate],
  'GET /identities/:nationalNumber/mobile': [IdentityScopes.operate],
  'GET /notifications/:id': [IdentityScopes.notify],
  'GET /search/identities': [IdentityScopes.operate],
  'GET /stats': 'public',
  'POST /agencies': [IdentityScopes.agencies],
  'POST /agencies/:serviceId/reinstate': [IdentityScopes.agencies],
  'POST /agencies/:serviceId/suspend': [IdentityScopes.agencies],
  'POST /duplicates/:id/resolve': [IdentityScopes.operate],
  'POST /identities/:nationalNumber/mobile': [IdentityScopes.operate],
  'POST /identities/:nationalNumber/mobile/confirm': [IdentityScopes.operate],
  'POST /notifications/sms': [IdentityScopes.notify],
  'POST /releases': [IdentityScopes.release],
  'POST /verifications': [IdentityScopes.verify],
  'PUT /agencies/:serviceId/policy': [IdentityScopes.agencies],
};

interface Route {
  access: 'public' | string[] | undefined;
  method: string;
  path: string;
}

function joinPath(...parts: string[]): string {
  const joined = parts
    .flatMap((part) => part.split('/'))
    .filter((segment) => segment !== '')
    .join('/');

  return `/${joined}`;
}

/** Reads every HTTP handler of every controller from the Nest metadata of the running app. */
function routesOf(modules: ModulesContainer): Route[] {
  const routes: Route[] = [];

  for (const module of modules.values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;

      if (controller === null) continue;

      const prefix = Reflect.getMetadata(PATH_METADATA, controller) as string | undefined;

      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        const method =
          typeof handler === 'function'
            ? (Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined)
            : undefined;

        if (typeof handler !== 'function' || method === undefined) continue;

        const path = Reflect.getMetadata(PATH_METADATA, handler) as string;
        const isPublic =
          Reflect.getMetadata(PUBLIC_ROUTE, handler) ??
          Reflect.getMetadata(PUBLIC_ROUTE, controller);
        const scopes = (Reflect.getMetadata(REQUIRED_SCOPES, handler) ??
          Reflect.getMetadata(REQUIRED_SCOPES, controller)) as string[] | undefined;

        routes.push({
          access: isPublic === true ? 'public' : scopes,
          method: RequestMethod[method],
          path: joinPath(prefix ?? '', path),
        });
      }
    }
  }

  return routes;
}

/** Fills every parameter of a route path with a well-formed value. */
function concretePath(path: string): string {
  return path
    .replace(':nationalNumber', freshNationalNumber())
    .replace(':serviceId', 'route-check-agency')
    .replace(':id', '5b0c3b70-3f0d-4a8c-9d55-2a3f3d1f8e01');
}

describe('route access', () => {
  const harness = new RegistryHarness('routes');
  let routes: Route[];

  beforeAll(async () => {
    await harness.start();
    routes = routesOf(harness.running.app.get(ModulesContainer));
  });

  afterAll(() => harness.stop());

  function send(route: Route, authorization?: string): request.Test {
    const method = route.method.toLowerCase() as 'delete' | 'get' | 'post' | 'put';
    const call = request(harness.httpServer)[method](concretePath(route.path));

    return authorization === undefined ? call : call.set('authorization', authorization);
  }

  it('marks every route public or scoped', () => {
    const found = Object.fromEntries(
      routes.map((route) => [`${route.method} ${route.path}`, route.access]),
    );

    expect(routes.length).toBe(Object.keys(EXPECTED_ACCESS).length);
    expect(found).toEqual(EXPECTED_ACCESS);
  });

  it('answers 401 without token on scoped routes', async () => {
    const scoped = routes.filter((route) => route.access !== 'public');
    const answers: Record<string, string> = {};

    for (const route of scoped) {
      const response = await send(route);

      answers[`${route.method} ${route.path}`] = `${response.status} ${response.body.error?.code}`;
    }

    expect(Object.values(answers)).toEqual(scoped.map(() => '401 TOKEN_MISSING'));
  });

  it('rejects other audiences on scoped routes', async () => {
    const foreign = await testAuthorization({
      audience: 'fuel-allocation',
      kind: 'operator',
      scopes: Object.values(IdentityScopes),
    });
    const scoped = routes.filter((route) => route.access !== 'public');
    const statuses: number[] = [];

    for (const route of scoped) statuses.push((await send(route, foreign)).status);

    expect(statuses).toEqual(scoped.map(() => 401));
  });

  it('opens public routes without token', async () => {
    const open = routes.filter((route) => route.access === 'public');
    const statuses: number[] = [];

    for (const route of open) statuses.push((await send(route)).status);

    expect(open.length).toBeGreaterThan(0);
    expect(statuses).toEqual(open.map(() => 200));
  });
});
