import { Global, Module } from '@nestjs/common';

import { IdentityCache } from './identity-cache.service';
import { RedisClient } from './redis-client.service';

@Global()
@Module({ exports: [IdentityCache, RedisClient], providers: [IdentityCache, RedisClient] })
export class CacheModule {}
