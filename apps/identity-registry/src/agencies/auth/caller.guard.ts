import {
  applyDecorators,
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';

import type { RequestWithPrincipal } from '@bitaqa/auth';

import { AgencyStatuses } from '../agency-statuses.service';
import { RateLimitGuard } from '../rate-limit/rate-limit.guard';

import { ForbiddenError } from './auth-errors';
import type { Caller, CallerKind, ServiceCaller } from './caller';
import { callerOf } from './caller-mapping';

const ALLOWED_CALLERS = 'identity-registry:allowed-callers';

/** An Express request after `CallerGuard` has accepted it. */
export type AuthenticatedRequest = Request & RequestWithPrincipal & { caller?: Caller };

/**
 * Turns the principal that the global `TokenGuard` verified into a caller, rejects kinds of
 * caller the handler does not admit, and rejects agency and app callers whose agency is
 * unknown or suspended.
 */
@Injectable()
export class CallerGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly statuses: AgencyStatuses,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const allowed =
      this.reflector.getAllAndOverride<CallerKind[] | undefined>(ALLOWED_CALLERS, [
        context.getHandler(),
        context.getClass(),
      ]) ?? [];
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();

    // Only reachable on a handler marked @Public, which is a programming error.
    if (request.principal === undefined) throw new Error('@Callers needs @RequireScopes');

    const caller = callerOf(request.principal, allowed);

    if (caller.kind !== 'operator') await this.requireActiveAgency(caller);

    request.caller = caller;

    return true;
  }

  /** @throws ForbiddenError AGENCY_UNKNOWN or AGENCY_SUSPENDED */
  private async requireActiveAgency(caller: ServiceCaller): Promise<void> {
    const status = await this.statuses.current(caller.serviceId);

    if (status === undefined) {
      throw new ForbiddenError(
        'AGENCY_UNKNOWN',
        `the token names service ${caller.serviceId}, which is not a registered agency`,
        {
          field: 'svc',
          hint: 'the agency is created with POST /agencies when the card authority onboards it',
          value: caller.serviceId,
        },
      );
    }

    if (status === 'suspended') {
      throw new ForbiddenError('AGENCY_SUSPENDED', `agency ${caller.serviceId} is suspended`, {
        field: 'svc',
        hint: 'the agency regains access when it is reinstated',
        value: caller.serviceId,
      });
    }
  }
}

/**
 * Lets only the given kinds of caller reach a controller or handler, which must also carry
 * `@RequireScopes`. Agency and app callers are also counted against their agency's rate limit.
 */
export function Callers(...kinds: CallerKind[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ALLOWED_CALLERS, kinds),
    UseGuards(CallerGuard, RateLimitGuard),
  );
}

/** The caller that `CallerGuard` accepted. */
export const CurrentCaller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Caller => {
    const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().caller;

    // Only reachable on a handler without @Callers, which is a programming error.
    if (caller === undefined) throw new Error('CurrentCaller used without @Callers');

    return caller;
  },
);
