import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';

import { PUBLIC_ROUTE, REQUIRED_SCOPES } from '@bitaqa/auth';

/** One HTTP route of the app and who may call it. */
export interface RouteAccess {
  /** Method and path, such as `POST /redemptions/:id/reversal`. */
  route: string;
  /** `public`, the required scopes joined by spaces, or `none` when the route declares neither. */
  access: string;
}

const METHOD_NAMES = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD', 'SEARCH'];

function joinPath(...parts: unknown[]): string {
  const path = parts
    .flatMap((part) => (typeof part === 'string' ? part.split('/') : []))
    .filter((segment) => segment !== '')
    .join('/');

  return `/${path}`;
}

function accessOf(handler: object, controller: object): string {
  const isPublic =
    (Reflect.getMetadata(PUBLIC_ROUTE, handler) as boolean | undefined) ??
    (Reflect.getMetadata(PUBLIC_ROUTE, controller) as boolean | undefined);
  const scopes =
    (Reflect.getMetadata(REQUIRED_SCOPES, handler) as string[] | undefined) ??
    (Reflect.getMetadata(REQUIRED_SCOPES, controller) as string[] | undefined);

  if (isPublic === true) return 'public';

  return scopes === undefined ? 'none' : scopes.join(' ');
}

/**
 * Lists every HTTP handler of the app's controllers with the access its decorators declare,
 * read from the same metadata that Nest's router and the TokenGuard read. Handlers without a
 * request method, such as Kafka event handlers, are left out.
 */
export function routeTable(app: INestApplication): RouteAccess[] {
  const routes: RouteAccess[] = [];

  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new () => object) | null;

      if (!controller) continue;

      const prototype = controller.prototype as Record<string, unknown>;

      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];

        if (name === 'constructor' || typeof handler !== 'function') continue;

        const method = Reflect.getMetadata(METHOD_METADATA, handler) as number | undefined;

        if (method === undefined) continue;

        const path = joinPath(
          Reflect.getMetadata(PATH_METADATA, controller),
          Reflect.getMetadata(PATH_METADATA, handler),
        );

        routes.push({
          access: accessOf(handler, controller),
          route: `${METHOD_NAMES[method] ?? String(method)} ${path}`,
        });
      }
    }
  }

  return routes.sort((a, b) => a.route.localeCompare(b.route));
}
