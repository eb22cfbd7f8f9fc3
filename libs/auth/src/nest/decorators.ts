import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';

import { SCOPE_PATTERN, type Principal } from '../principal';

export const REQUIRED_SCOPES = 'bitaqa:auth:required-scopes';
export const PUBLIC_ROUTE = 'bitaqa:auth:public';

/** An Express request after `TokenGuard` accepted it. */
export interface RequestWithPrincipal {
  principal?: Principal;
}

/** The handler needs a valid token holding every one of `scopes`. */
export function RequireScopes(...scopes: string[]): MethodDecorator & ClassDecorator {
  const bad = scopes.find((scope) => !SCOPE_PATTERN.test(scope));

  if (scopes.length === 0 || bad !== undefined) {
    throw new Error(`RequireScopes needs scope names such as "fuel:redeem", got "${bad ?? ''}"`);
  }

  return SetMetadata(REQUIRED_SCOPES, scopes);
}

/** The handler answers without a token: health checks and the authority's key set. */
export function Public(): MethodDecorator & ClassDecorator {
  return SetMetadata(PUBLIC_ROUTE, true);
}

/** Injects the request's principal; only on handlers that need scopes. */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal => {
    const request = context.switchToHttp().getRequest<RequestWithPrincipal>();

    if (request.principal === undefined) {
      throw new Error('CurrentPrincipal used on a handler that TokenGuard did not check');
    }

    return request.principal;
  },
);
