import {
  type CanActivate,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
} from '@nestjs/common';
import type { Response } from 'express';

import { ApiError } from '@bitaqa/http';
import type { Logger } from '@bitaqa/observability';

import { APP_CONFIG, type AppConfig } from '../../config';
import { LOGGER } from '../../core.module';
import { AgencyPolicies } from '../agency-policies.service';
import type { AuthenticatedRequest } from '../auth/caller.guard';

import { RateLimiter } from './rate-limiter.service';

/**
 * Counts each request of an agency or app caller against the agency's limit: the policy's
 * `requestsPerWindow`, or the configured default. Over the limit it rejects the request with 429
 * and `Retry-After`. Operators are not limited. Runs after `CallerGuard`, which sets the caller.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly limiter: RateLimiter,
    private readonly policies: AgencyPolicies,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const caller = context.switchToHttp().getRequest<AuthenticatedRequest>().caller;

    if (caller === undefined || caller.kind === 'operator') return true;

    const policy = await this.policies.current(caller.serviceId);
    const limit = policy?.requestsPerWindow ?? this.config.rateLimitRequests;
    const decision = await this.limiter.consume(caller.serviceId, limit);
    const response = context.switchToHttp().getResponse<Response>();

    response.setHeader('RateLimit-Limit', String(decision.limit));
    response.setHeader('RateLimit-Remaining', String(decision.remaining));
    response.setHeader('RateLimit-Reset', String(decision.retryAfterSeconds));
    if (decision.allowed) return true;

    response.setHeader('Retry-After', String(decision.retryAfterSeconds));
    // One line per agency and window: the first rejected request.
    if (decision.used === limit + 1) {
      this.logger.warn({ limit, serviceId: caller.serviceId }, 'agency rate limit reached');
    }
    throw new ApiError(
      HttpStatus.TOO_MANY_REQUESTS,
      'RATE_LIMITED',
      `agency ${caller.serviceId} made more than ${limit} requests in ${this.config.rateLimitWindowSeconds} seconds`,
      {
        hint: `retry after ${decision.retryAfterSeconds} seconds, or ask the operators for a higher limit`,
        value: limit,
      },
    );
  }
}
