import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';

import { errorFields, type Logger } from '@bitaqa/observability';

import { APP_CONFIG, type AppConfig } from '../config';
import { LOGGER } from '../core.module';

/** ioredis retries a lost connection several times a second; one log line per interval is enough. */
const ERROR_LOG_INTERVAL_MS = 30_000;

/**
 * The app's Redis connection. Commands fail at once while Redis is unreachable instead of
 * queueing, so a Redis outage slows nothing: callers fall back to the database.
 */
@Injectable()
export class RedisClient implements OnModuleInit, OnApplicationShutdown {
  readonly redis: Redis;
  private lastErrorLoggedAt = 0;
  private suppressedErrors = 0;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
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
      // ioredis keeps reconnecting in the background; the cache stays bypassed until then.
      this.logger.error({ err: errorFields(error) }, 'redis unreachable at start-up');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }

  /** Logs at most one connection error per interval, with the count of those left out. */
  private logConnectionError(error: unknown): void {
    const now = Date.now();

    if (now - this.lastErrorLoggedAt < ERROR_LOG_INTERVAL_MS) {
      this.suppressedErrors += 1;

      return;
    }

    this.logger.warn(
      { err: errorFields(error), suppressedErrors: this.suppressedErrors },
      'redis connection error',
    );
    this.lastErrorLoggedAt = now;
    this.suppressedErrors = 0;
  }
}
