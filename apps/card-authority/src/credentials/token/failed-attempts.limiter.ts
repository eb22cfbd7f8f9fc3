import { Inject, Injectable } from '@nestjs/common';

import { errorFields, type Logger } from '@bitaqa/observability';

import { AUTHORITY_AUTH_CONFIG, type AuthorityAuthConfig } from '../../auth/auth-config';
import { LOGGER } from '../../core.module';

import { RedisClient } from './redis-client.service';
import { RedisKeys } from './redis-keys';

/** Repeated Redis failures are logged at most once per this many milliseconds. */
const FAILURE_LOG_INTERVAL_MS = 30_000;

/** Whether a client id may try again, and when. */
export interface AttemptsDecision {
  blocked: boolean;
  /** Whole seconds until the current window ends. */
  retryAfterSeconds: number;
}

/**
 * Counts failed token requests per client id in fixed windows in Redis, shared by every
 * instance, so that a secret cannot be guessed by trying many. When Redis fails the request is
 * let through and the failure logged: token issuance stays available, unthrottled, during a
 * Redis outage.
 */
@Injectable()
export class FailedAttemptsLimiter {
  private readonly keys: RedisKeys;
  private lastFailureLoggedAt = 0;
  private readonly limit: number;
  private readonly windowMs: number;

  constructor(
    @Inject(AUTHORITY_AUTH_CONFIG) config: AuthorityAuthConfig,
    private readonly client: RedisClient,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.keys = new RedisKeys(config.redisKeyPrefix);
    this.limit = config.failedAttemptsLimit;
    this.windowMs = config.failedAttemptsWindowSeconds * 1000;
  }

  /** Tells whether the client id has used up its failed attempts in the current window. */
  async check(clientId: string): Promise<AttemptsDecision> {
    const { key, retryAfterSeconds } = this.window(clientId);

    try {
      const count = Number((await this.client.redis.get(key)) ?? '0');

      return { blocked: count >= this.limit, retryAfterSeconds };
    } catch (error) {
      this.logFailure(error);

      return { blocked: false, retryAfterSeconds };
    }
  }

  /**
   * Counts one failed attempt of the client id and returns the count in the current window, or
   * undefined when Redis failed.
   */
  async recordFailure(clientId: string): Promise<number | undefined> {
    const { key } = this.window(clientId);

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

  private window(clientId: string): { key: string; retryAfterSeconds: number } {
    const now = Date.now();
    const windowIndex = Math.floor(now / this.windowMs);

    return {
      key: this.keys.failedAttempts(clientId, windowIndex),
      retryAfterSeconds: Math.ceil(((windowIndex + 1) * this.windowMs - now) / 1000),
    };
  }

  private logFailure(error: unknown): void {
    const now = Date.now();

    if (now - this.lastFailureLoggedAt < FAILURE_LOG_INTERVAL_MS) return;

    this.lastFailureLoggedAt = now;
    this.logger.warn(
      { err: errorFields(error) },
      'failed-attempt count unavailable, request let through',
    );
  }
}
