import { randomBytes } from 'node:crypto';

import pino from 'pino';

import { serviceAddresses } from '@bitaqa/testing';

import { RateLimiter } from '../src/agencies/rate-limit/rate-limiter.service';
import { RedisClient } from '../src/cache/redis-client.service';
import type { AppConfig } from '../src/config';

describe('RateLimiter', () => {
  const logger = pino({ level: 'silent' });
  const prefix = `test-rate-limit-${randomBytes(4).toString('hex')}:`;
  const config = {
    rateLimitWindowSeconds: 60,
    redisKeyPrefix: prefix,
    redisUrl: serviceAddresses().redisUrl,
  } as AppConfig;
  let client: RedisClient;
  let now = 0;

  beforeAll(async () => {
    client = new RedisClient(config, logger);
    await client.onModuleInit();
  });

  afterAll(async () => {
    const keys = await client.redis.keys(`${prefix}*`);

    if (keys.length > 0) await client.redis.del(...keys);
    await client.onApplicationShutdown();
  });

  beforeEach(() => {
    // 15 seconds into a window that starts on a minute boundary.
    now = Date.UTC(2030, 0, 1, 12, 0, 15) + Math.floor(Math.random() * 1_000) * 60_000;
  });

  it('allows up to the limit', async () => {
    const limiter = new RateLimiter(config, client, logger, () => now);
    const decisions = [];

    for (let call = 0; call < 4; call += 1) decisions.push(await limiter.consume('bank-a', 3));

    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, false]);
    expect(decisions.map((decision) => decision.remaining)).toEqual([2, 1, 0, 0]);
    expect(decisions[3]).toMatchObject({ limit: 3, retryAfterSeconds: 45, used: 4 });
  });

  it('starts a new window', async () => {
    const limiter = new RateLimiter(config, client, logger, () => now);

    for (let call = 0; call < 3; call += 1) await limiter.consume('bank-b', 2);
    now += 45_000;

    const next = await limiter.consume('bank-b', 2);

    expect(next).toMatchObject({ allowed: true, remaining: 1, retryAfterSeconds: 60, used: 1 });
  });

  it('counts agencies apart', async () => {
    const limiter = new RateLimiter(config, client, logger, () => now);

    await limiter.consume('bank-c', 1);

    const other = await limiter.consume('bank-d', 1);

    expect(other.allowed).toBe(true);
  });

  it('expires counters', async () => {
    const limiter = new RateLimiter(config, client, logger, () => now);

    await limiter.consume('bank-e', 5);

    const [key] = await client.redis.keys(`${prefix}rate-limit:bank-e:*`);
    const ttl = await client.redis.pttl(key!);

    expect(ttl).toBeGreaterThan(60_000);
    expect(ttl).toBeLessThanOrEqual(120_000);
  });

  it('lets requests through without Redis', async () => {
    // Never connected: with the offline queue off, every command fails at once, as it does
    // while Redis is unreachable.
    const down = new RedisClient({ ...config, redisUrl: 'redis://127.0.0.1:1' }, logger);
    const limiter = new RateLimiter(config, down, logger, () => now);
    const decision = await limiter.consume('bank-f', 1);

    await down.onApplicationShutdown();
    expect(decision).toMatchObject({ allowed: true, used: 0 });
  });
});
