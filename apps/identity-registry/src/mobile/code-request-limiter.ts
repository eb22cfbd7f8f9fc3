import { HttpStatus, Inject, Injectable } from '@nestjs/common';

import { ApiError } from '@bitaqa/http';
import { errorFields, type Logger } from '@bitaqa/observability';

import { RedisClient } from '../cache/redis-client.service';
import { APP_CONFIG, type AppConfig } from '../config';
import { LOGGER } from '../core.module';
import type { OneTimeCodeSettings } from '../sms/sms-settings';

/**
 * Checks the resend interval (`KEYS[1]`) and two fixed-window counters (`KEYS[2]` per identity,
 * `KEYS[3]` per number), and counts the request only when all three allow it, in one atomic
 * step. ARGV: resend interval ms, window ms, identity limit, number limit. Returns
 * `{ 0, 0 }` when allowed, else `{ n, ms }`: the key that rejected it (1-3) and its remaining
 * TTL.
 */
const CHECK_AND_COUNT = `
local resend = redis.call('PTTL', KEYS[1])
if resend > 0 then return {1, resend} end
local limits = {tonumber(ARGV[3]), tonumber(ARGV[4])}
for i = 2, 3 do
  local count = tonumber(redis.call('GET', KEYS[i]) or '0')
  if count >= limits[i - 1] then return {i, redis.call('PTTL', KEYS[i])} end
end
for i = 2, 3 do
  if redis.call('INCR', KEYS[i]) == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
end
if tonumber(ARGV[1]) > 0 then redis.call('SET', KEYS[1], '1', 'PX', ARGV[1]) end
return {0, 0}
`;

/** The limit that rejected a code request. */
export type CodeRequestLimit = 'per-identity' | 'per-number' | 'resend-interval';

const LIMIT_BY_KEY: Record<number, CodeRequestLimit> = {
  1: 'resend-interval',
  2: 'per-identity',
  3: 'per-number',
};

export type LimitDecision =
  { allowed: true } | { allowed: false; limit: CodeRequestLimit; retryAfterSeconds: number };

/**
 * Limits one-time code requests in Redis: a minimum interval per identity, and a count per
 * identity and per mobile number in a fixed window. Without Redis no code is sent, because an
 * unlimited sender could be used to flood numbers with SMS.
 */
@Injectable()
export class CodeRequestLimiter {
  private readonly prefix: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly client: RedisClient,
  ) {
    this.prefix = `${config.redisKeyPrefix}otp-requests:`;
  }

  /**
   * Counts a request when every limit allows it.
   *
   * @throws ApiError 503 RATE_LIMIT_UNAVAILABLE when Redis fails.
   */
  async take(
    settings: OneTimeCodeSettings,
    nationalNumber: string,
    mobileNumber: string,
  ): Promise<LimitDecision> {
    let result: [number, number];

    try {
      result = (await this.client.redis.eval(
        CHECK_AND_COUNT,
        3,
        `${this.prefix}resend:${nationalNumber}`,
        `${this.prefix}identity:${nationalNumber}`,
        `${this.prefix}number:${mobileNumber}`,
        settings.resendIntervalSeconds * 1000,
        settings.requestWindowSeconds * 1000,
        settings.requestsPerIdentity,
        settings.requestsPerNumber,
      )) as [number, number];
    } catch (error) {
      this.logger.error({ err: errorFields(error) }, 'code request limit check failed');
      throw new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'RATE_LIMIT_UNAVAILABLE',
        'code requests are paused because the rate limit store is unreachable',
        { hint: 'retry in a minute' },
      );
    }

    const [refusedBy, ttlMs] = result;
    const limit = LIMIT_BY_KEY[refusedBy];

    if (limit === undefined) return { allowed: true };

    return { allowed: false, limit, retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)) };
  }
}
