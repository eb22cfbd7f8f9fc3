import { Module, type Type } from '@nestjs/common';

import type { Logger } from '@bitaqa/observability';

import { AgenciesModule } from './agencies/agencies.module';
import { CacheModule } from './cache/cache.module';
import { CivilEventsModule } from './civil-events/civil-events.module';
import type { AppConfig } from './config';
import { CoreModule } from './core.module';
import { DatabaseModule } from './database/database.module';
import { DuplicatesModule } from './duplicates/duplicates.module';
import { FamiliesModule } from './families/families.module';
import { HealthModule } from './health/health.module';
import { IdentitiesModule } from './identities/identities.module';
import { MessagingModule } from './messaging/messaging.module';
import { MobileModule } from './mobile/mobile.module';
import { NotificationsModule } from './notifications/notifications.module';
import { SearchModule } from './search/search.module';
import { StatsModule } from './stats/stats.module';
import { VerificationsModule } from './verifications/verifications.module';

/**
 * Builds the root module for one configuration, so several app instances with their own
 * databases and topic prefixes can run in one process.
 */
export function createAppModule(config: AppConfig, logger: Logger): Type<unknown> {
  @Module({
    imports: [
      CoreModule.forRoot(config, logger),
      AgenciesModule,
      CacheModule,
      CivilEventsModule,
      DatabaseModule,
      DuplicatesModule,
      FamiliesModule,
      HealthModule,
      IdentitiesModule,
      MessagingModule,
      MobileModule,
      NotificationsModule,
      SearchModule,
      StatsModule,
      VerificationsModule,
    ],
  })
  class IdentityRegistryModule {}

  return IdentityRegistryModule;
}
