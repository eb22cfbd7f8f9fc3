import {
  applyDecorators,
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Inject,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';

import { RateLimitGuard } from '../rate-limit/rate-limit.guard';

import { ForbiddenError, UnauthenticatedError } from './auth-errors';
import {
  type Caller,
  CALLER_AUTHENTICATOR,
  type CallerAuthenticator,
  type CallerKind,
} from './caller';

const ALLOWED_CALLERS = 'identity-registry:allowed-callers';

const CHALLENGE = 'Bearer realm="identity-registry"';

/** An Express request after `CallerGuard` has accepted it. */
export type AuthenticatedRequest = Request & { caller?: Caller };

/** Authenticates the caller and rejects kinds of caller the handler does not allow. */
@Injectable()
export class CallerGuard implements CanActivate {
  constructor(
    @Inject(CALLER_AUTHENTICATOR) private readonly authenticator: CallerAuthenticator,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const allowed =
      this.reflector.getAllAndOverride<CallerKind[] | undefined>(ALLOWED_CALLERS, [
        context.getHandler(),
        context.getClass(),
      ]) ?? [];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const caller = await this.authenticate(context, request);

    if (!allowed.includes(caller.kind)) {
      throw new ForbiddenError(
        'CALLER_NOT_PERMITTED',
        `this endpoint is for ${allowed.join(' or ')} callers, not ${caller.kind} callers`,
        { hint: `use ${allowed.join(' or ')} credentials` },
      );
    }

    request.caller = caller;

    return true;
  }

  /** Adds the `WWW-Authenticate` challenge that every 401 response must carry (RFC 9110). */
  private async authenticate(
    context: ExecutionContext,
    request: AuthenticatedRequest,
  ): Promise<Caller> {
    try {
      return await this.authenticator.authenticate(request.header('authorization'));
    } catch (error) {
      if (error instanceof UnauthenticatedError) {
        context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', CHALLENGE);
      }
      throw error;
    }
  }
}

/**
 * Lets only the given kinds of caller reach a controller or handler. Agency callers are also
 * counted against their rate limit.
 */
export function Callers(...kinds: CallerKind[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ALLOWED_CALLERS, kinds),
    UseGuards(CallerGuard, RateLimitGuard),
  );
}

/** The caller that `CallerGuard` authenticated. */
export const CurrentCaller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Caller => {
    const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().caller;

    // Only reachable on a handler without @Callers, which is a programming error.
    if (caller === undefined) throw new Error('CurrentCaller used without @Callers');

    return caller;
  },
);
