import { Module } from '@nestjs/common';

import { CacheEventsController } from './cache-events.controller';
import { CacheController } from './cache.controller';
import { CardStatusRepository } from './card-status.repository';
import { PolicyRepository } from './policy.repository';

@Module({
  controllers: [CacheController, CacheEventsController],
  exports: [CardStatusRepository, PolicyRepository],
  providers: [CardStatusRepository, PolicyRepository],
})
export class CacheModule {}
