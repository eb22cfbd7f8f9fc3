import request from 'supertest';

import { PersonDied, PersonRegistered } from '@bitaqa/contracts';

import { CacheKeys } from '../src/cache/cache-keys';
import { IdentityCache } from '../src/cache/identity-cache.service';

import { personData } from './support/civil-builders';
import { RegistryHarness } from './support/registry-harness';

describe('identity cache', () => {
  const harness = new RegistryHarness('cache');
  let keys: CacheKeys;

  beforeAll(async () => {
    await harness.start();
    keys = new CacheKeys(harness.config.redisKeyPrefix);
  });

  afterAll(() => harness.stop());

  async function registered(): Promise<string> {
    const data = personData();
    const event = await harness.publisher.publish(PersonRegistered, data);

    await harness.waitForHandled(event);

    return data.nationalNumber;
  }

  it('caches a looked-up identity', async () => {
    const nationalNumber = await registered();

    expect(await harness.redis.get(keys.identity(nationalNumber))).toBeNull();

    const response = await harness.readIdentity(nationalNumber);
    const cached = await harness.redis.get(keys.identity(nationalNumber));
    const ttl = await harness.redis.pttl(keys.identity(nationalNumber));

    expect(JSON.parse(cached ?? '{}')).toEqual(response.body);
    expect(ttl).toBeGreaterThan(290_000);
    expect(ttl).toBeLessThanOrEqual(300_000);
  });

  it('serves the cached copy', async () => {
    const nationalNumber = await registered();

    await harness.readIdentity(nationalNumber);
    await harness.query('UPDATE identities SET given_name_ar = $1 WHERE national_number = $2', [
      'مخزن',
      nationalNumber,
    ]);

    const response = await harness.readIdentity(nationalNumber);

    expect(response.body.givenNameAr).toBe('محمّد');
  });

  it('drops the cached copy on change', async () => {
    const nationalNumber = await registered();

    await harness.readIdentity(nationalNumber);

    const died = await harness.publisher.publish(PersonDied, {
      dateOfDeath: '2024-03-03',
      nationalNumber,
    });

    await harness.waitForHandled(died);

    const generation = await harness.redis.get(keys.identityGeneration(nationalNumber));
    const response = await harness.readIdentity(nationalNumber);
    const cached = JSON.parse((await harness.redis.get(keys.identity(nationalNumber))) ?? '{}');

    expect(generation).toBe('1');
    expect(response.body).toMatchObject({ status: 'deceased', version: 2 });
    expect(cached).toMatchObject({ status: 'deceased', version: 2 });
  });

  it('skips write-back after a concurrent change', async () => {
    const nationalNumber = await registered();
    const cache = harness.running.app.get(IdentityCache);
    const loaded = await cache.getOrLoad(nationalNumber, async () => {
      await cache.invalidate(nationalNumber);

      return { stale: true };
    });

    expect(loaded).toEqual({ stale: true });
    expect(await harness.redis.get(keys.identity(nationalNumber))).toBeNull();
  });

  it('does not cache unknown identities', async () => {
    const nationalNumber = personData().nationalNumber;
    const response = await harness.readIdentity(nationalNumber);

    expect(response.status).toBe(404);
    expect(await harness.redis.exists(keys.identity(nationalNumber))).toBe(0);
  });
});

describe('identity cache without Redis', () => {
  const harness = new RegistryHarness('no_redis');

  // Port 1 on the loopback interface refuses connections, as a Redis that is down would.
  beforeAll(() => harness.start({ redisUrl: 'redis://127.0.0.1:1' }));

  afterAll(() => harness.stop());

  it('answers from the database', async () => {
    const data = personData();
    const event = await harness.publisher.publish(PersonRegistered, data);

    await harness.waitForHandled(event);

    const response = await harness.readIdentity(data.nationalNumber);

    expect(response.status).toBe(200);
    expect(response.body.nationalNumber).toBe(data.nationalNumber);
  });

  it('reports degraded health', async () => {
    const response = await request(harness.httpServer).get('/health');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ database: 'up', redis: 'down', status: 'degraded' });
  });
});
