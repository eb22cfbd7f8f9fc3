import { Module, type Type } from '@nestjs/common';

import { AuthModule } from '@bitaqa/auth';
import type { Logger } from '@bitaqa/observability';

import type { AuthorityAuthConfig } from './auth/auth-config';
import { AUTHORITY_AUDIENCE } from './auth/scopes';
import { TokenSigningModule } from './auth/token-signing.module';
import { authorityVerifierSettings } from './auth/verifier-settings';
import { CardsModule } from './cards/cards.module';
import type { AppConfig } from './config';
import { CoreModule, SYSTEM_CLOCK, type Clock } from './core.module';
import { CredentialsModule } from './credentials/credentials.module';
import { DatabaseModule } from './database/database.module';
import { ExpiryModule } from './expiry/expiry.module';
import { HealthModule } from './health/health.module';
import { HotlistModule } from './hotlist/hotlist.module';
import { IdentitiesModule } from './identities/identities.module';
import { IssuanceModule } from './issuance/issuance.module';
import { KeysModule } from './keys/keys.module';
import { MessagingModule } from './messaging/messaging.module';
import { PersonalizationModule } from './personalization/personalization.module';
import { RekeyModule } from './rekey/rekey.module';
import { ReportsModule } from './reports/reports.module';
import { ServicesModule } from './services/services.module';

/**
 * Builds the root module for one configuration, so several app instances with their own
 * databases and topic prefixes can run in one process. Every HTTP route needs a token with its
 * scopes unless it is marked public.
 */
export function createAppModule(
  config: AppConfig,
  logger: Logger,
  clock: Clock = SYSTEM_CLOCK,
  auth: AuthorityAuthConfig,
): Type<unknown> {
  @Module({
    imports: [
      CoreModule.forRoot(config, logger, clock),
      AuthModule.forRoot({
        audience: AUTHORITY_AUDIENCE,
        settings: authorityVerifierSettings(config),
      }),
      TokenSigningModule.forRoot(auth),
      CredentialsModule,
      DatabaseModule,
      ExpiryModule,
      CardsModule,
      HealthModule,
      HotlistModule,
      IdentitiesModule,
      IssuanceModule,
      KeysModule,
      MessagingModule,
      PersonalizationModule,
      RekeyModule,
      ReportsModule,
      ServicesModule,
    ],
  })
  class CardAuthorityModule {}

  return CardAuthorityModule;
}
