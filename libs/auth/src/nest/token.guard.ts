import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';

import { ApiError } from '@bitaqa/http';

import { ScopeError } from '../auth-errors';
import { hasAllScopes, type Principal } from '../principal';
import { TokenVerifier } from '../token-verifier';

import { PUBLIC_ROUTE, REQUIRED_SCOPES, type RequestWithPrincipal } from './decorators';

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

export const PRINCIPAL_CHECK = Symbol('PRINCIPAL_CHECK');

/** Checks a verified principal further; throws an `ApiError` to reject the call. */
export type PrincipalCheck = (principal: Principal) => void;

/**
 * Checks every HTTP call. The handler or its controller must be marked `@Public()` or
 * `@RequireScopes(...)`, and a handler with neither is rejected, so a new route stays closed
 * until someone decides who may call it. Kafka handlers are not HTTP and pass through.
 */
@Injectable()
export class TokenGuard implements CanActivate {
  constructor(
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(PRINCIPAL_CHECK) private readonly acceptPrincipal: PrincipalCheck | null,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') {
      return true;
    }

    if (this.isPublic(context)) {
      return true;
    }

    const required = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_SCOPES, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<Request & RequestWithPrincipal>();

    if (required === undefined) {
      throw new ScopeError('ROUTE_NOT_OPEN', 'no scope has been assigned to this endpoint yet', {
        hint: 'the service declares scopes for each endpoint; this one is closed to everyone',
      });
    }

    const principal = await this.verifyOrChallenge(context, request);
    const missing = required.filter((scope) => !principal.scopes.has(scope));

    if (!hasAllScopes(principal, required)) {
      throw new ScopeError(
        'SCOPE_MISSING',
        `the token lacks the scope${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
        {
          hint: `ask the card authority for a credential with ${missing.join(' ')}`,
          value: missing,
        },
      );
    }

    this.acceptPrincipal?.(principal);
    request.principal = principal;

    return true;
  }

  /**
   * Decides whether a route is public. The handler's own marker wins over its controller's, so
   * a handler with `@RequireScopes` on a `@Public()` controller still needs a token.
   */
  private isPublic(context: ExecutionContext): boolean {
    const handler = context.getHandler();

    if (this.reflector.get<boolean | undefined>(PUBLIC_ROUTE, handler) === true) {
      return true;
    }

    if (this.reflector.get<string[] | undefined>(REQUIRED_SCOPES, handler) !== undefined) {
      return false;
    }

    return this.reflector.get<boolean | undefined>(PUBLIC_ROUTE, context.getClass()) === true;
  }

  /** Verifies the bearer token; on failure sets the RFC 6750 challenge before the 401. */
  private async verifyOrChallenge(context: ExecutionContext, request: Request) {
    try {
      return await this.verifier.verifyHeader(request.headers.authorization);
    } catch (error) {
      const response = context.switchToHttp().getResponse<Response>();
      const code = error instanceof ApiError ? error.code : 'TOKEN_INVALID';

      response.setHeader(
        'WWW-Authenticate',
        `Bearer realm="${this.verifier.audience}", error="invalid_token", error_description="${code}"`,
      );
      throw error;
    }
  }
}
