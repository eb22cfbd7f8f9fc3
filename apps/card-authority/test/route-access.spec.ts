import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';

import { PUBLIC_ROUTE, REQUIRED_SCOPES } from '@bitaqa/auth';
import type { ErrorBody } from '@bitaqa/http';

import { Harness } from './support/harness';

interface Route {
  access: 'public' | 'scoped' | 'none';
  handler: string;
  method: string;
  path: string;
}

function joinPath(...parts: (string | undefined)[]): string {
  const joined = parts
    .flatMap((part) => (part ?? '').split('/'))
    .filter((segment) => segment !== '')
    .join('/');

  return `/${joined}`;
}

/** Lists the HTTP routes of one controller with the access its decorators give them. */
function controllerRoutes(controller: Type<unknown>): Route[] {
  const prototype = controller.prototype as Record<string, unknown>;
  const prefix = Reflect.getMetadata(PATH_METADATA, controller) as string | undefined;
  const classPublic = Reflect.getMetadata(PUBLIC_ROUTE, controller) === true;
  const classScopes = Reflect.getMetadata(REQUIRED_SCOPES, controller) as string[] | undefined;

  return Object.getOwnPropertyNames(prototype)
    .filter((name) => name !== 'constructor' && typeof prototype[name] === 'function')
    .map((name) => ({ handler: prototype[name] as object, name }))
    .filter(({ handler }) => Reflect.getMetadata(PATH_METADATA, handler) !== undefined)
    .map(({ handler, name }) => {
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
      const isPublic = classPublic || Reflect.getMetadata(PUBLIC_ROUTE, handler) === true;
      const scopes = Reflect.getMetadata(REQUIRED_SCOPES, handler) ?? classScopes;
      let access: Route['access'] = 'none';

      if (scopes !== undefined) access = 'scoped';
      if (isPublic) access = 'public';

      return {
        access,
        handler: `${controller.name}.${name}`,
        method: RequestMethod[method],
        path: joinPath(prefix, Reflect.getMetadata(PATH_METADATA, handler) as string),
      };
    });
}

describe('route access', () => {
  let harness: Harness;
  let routes: Route[];

  beforeAll(async () => {
    harness = await Harness.start('route-access');

    const controllers = new Set<Type<unknown>>();

    for (const module of harness.running.app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        controllers.add(wrapper.metatype as Type<unknown>);
      }
    }

    routes = [...controllers].flatMap(controllerRoutes);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('finds the HTTP routes of the app', () => {
    const paths = routes.map((route) => `${route.method} ${route.path}`);

    expect(paths).toContain('POST /oauth/token');
    expect(paths).toContain('GET /.well-known/jwks.json');
    expect(paths).toContain('POST /cards/:cardNumber/transitions');
    expect(paths).toContain('POST /clients/:clientId/rotate-secret');
  });

  it('marks every route public or scoped', () => {
    const unmarked = routes.filter((route) => route.access === 'none');

    expect(unmarked.map((route) => route.handler)).toEqual([]);
  });

  // The token endpoint, the key set, the issuer certificate and the service catalog are read
  // before a caller has a token, or by anyone who checks a card.
  it('opens exactly the public routes', () => {
    const open = routes.filter((route) => route.access === 'public').map((route) => route.path);

    expect(open.sort()).toEqual([
      '/.well-known/jwks.json',
      '/health',
      '/keys/issuer-certificate',
      '/oauth/token',
      '/services',
      '/services/:serviceId',
    ]);
  });

  it('rejects every scoped route without a token', async () => {
    for (const route of routes.filter((candidate) => candidate.access === 'scoped')) {
      const path = route.path.replace(/:\w+/g, 'x');
      const response = await fetch(`${harness.baseUrl}${path}`, { method: route.method });
      const body = (await response.json()) as ErrorBody;

      expect({ route: route.handler, status: response.status }).toEqual({
        route: route.handler,
        status: 401,
      });
      expect(body.error.code).toBe('TOKEN_MISSING');
    }
  });
});
