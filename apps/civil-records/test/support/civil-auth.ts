import { testAuthorization } from '@bitaqa/testing';

import { CIVIL_AUDIENCE, CIVIL_SCOPES } from '../../src/auth/scopes';

/** Client id that the harness's tokens carry, and so the `recorded_by` of harness changes. */
export const TEST_CLIENT_ID = 'test-civil-clerk';

// Tokens live ten minutes, and one is signed again when less than a minute of it is left.
const TOKEN_TTL_SECONDS = 600;
const REFRESH_MARGIN_MS = 60_000;

const cache = new Map<string, { authorization: string; refreshAt: number }>();

/**
 * Returns the scopes a civil-records route requires, as the controllers declare them. The
 * health check and the extract lookup by serial need none, and bulk imports need
 * `civil:import`. Other reads need `civil:read`, and other changes `civil:write`.
 */
export function scopesOfRoute(method: string, path: string): string[] {
  const route = path.split('?')[0] ?? path;

  if (method === 'GET' && (route === '/health' || route.startsWith('/extracts/'))) return [];
  if (route === '/imports' || route.startsWith('/imports/')) return [CIVIL_SCOPES.import];

  return [method === 'GET' ? CIVIL_SCOPES.read : CIVIL_SCOPES.write];
}

/** Signs an `Authorization` value for civil-records with `scopes`, or reuses a cached one. */
export async function civilAuthorization(scopes: readonly string[]): Promise<string> {
  const key = [...scopes].sort().join(' ');
  const cached = cache.get(key);

  if (cached !== undefined && Date.now() < cached.refreshAt) return cached.authorization;

  const authorization = await testAuthorization({
    audience: CIVIL_AUDIENCE,
    scopes,
    subject: TEST_CLIENT_ID,
    ttlSeconds: TOKEN_TTL_SECONDS,
  });

  cache.set(key, {
    authorization,
    refreshAt: Date.now() + TOKEN_TTL_SECONDS * 1000 - REFRESH_MARGIN_MS,
  });

  return authorization;
}

/**
 * Calls civil-records at `baseUrl` with a token holding exactly the scopes the route requires,
 * and no Authorization header on a public route. An `authorization` header in `init` wins.
 */
export async function civilFetch(
  baseUrl: string,
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  const scopes = scopesOfRoute(init.method ?? 'GET', path);

  if (!headers.has('authorization') && scopes.length > 0) {
    headers.set('authorization', await civilAuthorization(scopes));
  }

  return fetch(`${baseUrl}${path}`, { ...init, headers });
}
