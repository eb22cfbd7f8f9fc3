import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';

import { errorFields, type Logger } from '@bitaqa/observability';

import { AUTHORITY_AUTH_CONFIG, type AuthorityAuthConfig } from '../../auth/auth-config';
import { LOGGER } from '../../core.module';

/** ioredis retries a lost connection several times a second, so errors are logged once per interval. */
const ERROR_LOG_INTERVAL_MS = 30_000;

/**
 * The token endpoint's Redis connection. Commands fail at once while Redis is unreachable
 * instead of queueing, so an outage does not hold up token requests.
 */
@Injectable()
export class RedisClient implements OnModuleInit, OnApplicationShutdown {
  readonly redis: Redis;
  private lastErrorLoggedAt = 0;

  constructor(
    @Inject(AUTHORITY_AUTH_CONFIG) config: AuthorityAuthConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.redis = new Redis(config.redisUrl, {
      connectTimeout: 2_000,
      enableOfflineQueue: false,
      lazyConnect: true,
      maxRetriesPerRequest: 1,
    });
    this.redis.on('error', (error: unknown) => this.logConnectionError(error));
  }

  async onModuleInit(): Promise<void> {
    try {
      await this.redis.connect();
    } catch (error) {
      // ioredis keeps reconnecting in the background.
      this.logger.error({ err: errorFields(error) }, 'redis unreachable at start-up');
    }
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }

  private logConnectionError(error: unknown): void {
    const now = Date.now();

    if (now - this.lastErrorLoggedAt < ERROR_LOG_INTERVAL_MS) return;

    this.lastErrorLoggedAt = now;
    this.logger.warn({ err: errorFields(error) }, 'redis connection error');
  }
}
