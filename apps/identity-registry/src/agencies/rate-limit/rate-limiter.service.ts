import { Inject, Injectable, Optional } from '@nestjs/common';

import { errorFields, type Logger } from '@bitaqa/observability';

import { CacheKeys } from '../../cache/cache-keys';
import { RedisClient } from '../../cache/redis-client.service';
import { APP_CONFIG, type AppConfig } from '../../config';
import { LOGGER } from '../../core.module';

export interface RateDecision {
  allowed: boolean;
  limit: number;
  /** Requests left in the current window after this one, never below 0. */
  remaining: number;
  /** Whole seconds until the current window ends. */
  retryAfterSeconds: number;
  /** Requests counted in the current window, this one included; 0 when Redis failed. */
  used: number;
}

/** Optional provider of the current time in milliseconds; tests use it to pin the window. */
export const RATE_LIMIT_CLOCK = Symbol('RATE_LIMIT_CLOCK');

/** Repeated Redis failures are logged at most once per this many milliseconds. */
const FAILURE_LOG_INTERVAL_MS = 30_000;

/**
 * Fixed-window request counter per agency in Redis. Every instance counts into the same key,
 * so the limit applies across instances. When Redis fails the request is let through and the
 * failure logged: verification stays available, unthrottled, during a Redis outage.
 */
@Injectable()
export class RateLimiter {
  private readonly keys: CacheKeys;
  private lastFailureLoggedAt = 0;
  private readonly now: () => number;
  private readonly windowMs: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly client: RedisClient,
    @Inject(LOGGER) private readonly logger: Logger,
    @Optional() @Inject(RATE_LIMIT_CLOCK) clock?: () => number,
  ) {
    this.keys = new CacheKeys(config.redisKeyPrefix);
    this.now = clock ?? Date.now;
    this.windowMs = config.rateLimitWindowSeconds * 1000;
  }

  /** Counts one request of the agency and decides whether it is within `limit`. */
  async consume(serviceId: string, limit: number): Promise<RateDecision> {
    const now = this.now();
    const windowIndex = Math.floor(now / this.windowMs);
    const retryAfterSeconds = Math.ceil(((windowIndex + 1) * this.windowMs - now) / 1000);
    const count = await this.increment(this.keys.rateLimit(serviceId, windowIndex));

    if (count === undefined) {
      return { allowed: true, limit, remaining: limit, retryAfterSeconds, used: 0 };
    }

    return {
      allowed: count <= limit,
      limit,
      remaining: Math.max(0, limit - count),
      retryAfterSeconds,
      used: count,
    };
  }

  private async increment(key: string): Promise<number | undefined> {
    try {
      // The key outlives its window by one window, so clock skew between instances cannot
      // make a counter disappear while another instance still counts into it.
      const results = await this.client.redis
        .multi()
        .incr(key)
        .pexpire(key, this.windowMs * 2)
        .exec();
      const [error, count] = results?.[0] ?? [new Error('empty MULTI reply')];

      if (error) throw error;

      return Number(count);
    } catch (error) {
      this.logFailure(error);

      return undefined;
    }
  }

  private logFailure(error: unknown): void {
    const now = this.now();

    if (now - this.lastFailureLoggedAt < FAILURE_LOG_INTERVAL_MS) return;

    this.lastFailureLoggedAt = now;
    this.logger.warn({ err: errorFields(error) }, 'rate limit check failed, request let through');
  }
}
