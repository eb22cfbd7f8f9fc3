import { Inject, Injectable } from '@nestjs/common';

import { errorFields, type Logger } from '@bitaqa/observability';

import { APP_CONFIG, type AppConfig } from '../config';
import { LOGGER } from '../core.module';

import { CacheKeys } from './cache-keys';
import { RedisClient } from './redis-client.service';

/**
 * How long a generation counter outlives its last bump, in milliseconds. It only has to outlast
 * one database read between a cache miss and the write-back. Interactive transactions time out
 * after 30 seconds, so ten minutes leaves a wide margin.
 */
const GENERATION_TTL_MS = 10 * 60_000;

/**
 * Stores `ARGV[2]` under `KEYS[1]` for `ARGV[3]` milliseconds, but only while the generation
 * counter `KEYS[2]` still reads `ARGV[1]` (empty for a missing counter). Returns 1 when stored.
 */
const STORE_IF_GENERATION_UNCHANGED = `
local current = redis.call('GET', KEYS[2])
if (current or '') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
`;

/**
 * Read-through cache of identity views in Redis. A change bumps the identity's generation
 * counter and deletes the cached view after its transaction commits. A reader that missed the
 * cache writes back only if the generation it saw before reading the database is unchanged,
 * so a reader that loaded the old row just before a change can never cache it after the change.
 * Redis failures are logged and the request is served from the database.
 */
@Injectable()
export class IdentityCache {
  private readonly keys: CacheKeys;
  private readonly ttlMs: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly client: RedisClient,
  ) {
    this.keys = new CacheKeys(config.redisKeyPrefix);
    this.ttlMs = config.identityCacheTtlSeconds * 1000;
  }

  /** Returns the cached value, or loads it and caches what `load` found. */
  async getOrLoad<T extends object>(
    nationalNumber: string,
    load: () => Promise<T | undefined>,
  ): Promise<T | undefined> {
    const cached = await this.read(nationalNumber);

    if (cached.value !== undefined) return JSON.parse(cached.value) as T;

    const loaded = await load();

    if (loaded !== undefined && cached.generation !== undefined) {
      await this.store(nationalNumber, loaded, cached.generation);
    }

    return loaded;
  }

  /** Drops the cached view and bumps the generation; call it after the change has committed. */
  async invalidate(nationalNumber: string): Promise<void> {
    const generationKey = this.keys.identityGeneration(nationalNumber);

    const results = await this.client.redis
      .multi()
      .incr(generationKey)
      .pexpire(generationKey, GENERATION_TTL_MS)
      .del(this.keys.identity(nationalNumber))
      .exec();
    const failure = results?.find(([error]) => error !== null)?.[0];

    if (failure) throw failure;
  }

  /** Reads the view and the generation in one round trip; both undefined when Redis fails. */
  private async read(nationalNumber: string): Promise<{ generation?: string; value?: string }> {
    try {
      const [value, generation] = await this.client.redis.mget(
        this.keys.identity(nationalNumber),
        this.keys.identityGeneration(nationalNumber),
      );

      return { generation: generation ?? '', value: value ?? undefined };
    } catch (error) {
      this.logger.warn({ err: errorFields(error) }, 'identity cache read failed');

      return {};
    }
  }

  private async store(nationalNumber: string, value: object, generation: string): Promise<void> {
    try {
      await this.client.redis.eval(
        STORE_IF_GENERATION_UNCHANGED,
        2,
        this.keys.identity(nationalNumber),
        this.keys.identityGeneration(nationalNumber),
        generation,
        JSON.stringify(value),
        String(this.ttlMs),
      );
    } catch (error) {
      this.logger.warn({ err: errorFields(error) }, 'identity cache write failed');
    }
  }
}
