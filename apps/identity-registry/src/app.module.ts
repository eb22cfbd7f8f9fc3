import { Module, type Type } from '@nestjs/common';

import { AuthModule } from '@bitaqa/auth';
import type { Logger } from '@bitaqa/observability';

import { AgenciesModule } from './agencies/agencies.module';
import { TOKEN_AUDIENCE } from './auth/scopes';
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
 * databases and topic prefixes can run in one process. `AuthModule` checks the access token
 * of every HTTP request: each route is marked `@Public()` or `@RequireScopes(...)`.
 */
export function createAppModule(config: AppConfig, logger: Logger): Type<unknown> {
  @Module({
    imports: [
      CoreModule.forRoot(config, logger),
      AuthModule.forRoot({ audience: TOKEN_AUDIENCE, settings: config.auth }),
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
