import { Module, type Type } from '@nestjs/common';

import { AuthModule } from '@bitaqa/auth';
import type { OutboxRelay } from '@bitaqa/messaging';
import type { Logger } from '@bitaqa/observability';

import { CIVIL_AUDIENCE } from './auth/scopes';
import { BirthsModule } from './births/births.module';
import { BulkImportModule } from './bulk-import/bulk-import.module';
import type { CivilRecordsConfig } from './config';
import { CorrectionsModule } from './corrections/corrections.module';
import { DeathsModule } from './deaths/deaths.module';
import { DivorcesModule } from './divorces/divorces.module';
import { ExtractsModule } from './extracts/extracts.module';
import { FamiliesModule } from './families/families.module';
import { HealthModule } from './health/health.module';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { MarriagesModule } from './marriages/marriages.module';
import { PersonsModule } from './persons/persons.module';

/**
 * Builds the root module of one app instance around its own configuration, logger and relay.
 * Every HTTP route checks the card authority's access token unless it is marked public.
 */
export function createAppModule(
  config: CivilRecordsConfig,
  logger: Logger,
  relay: OutboxRelay,
): Type<unknown> {
  @Module({
    imports: [
      InfrastructureModule.forRoot(config, logger, relay),
      AuthModule.forRoot({ audience: CIVIL_AUDIENCE }),
      BirthsModule,
      BulkImportModule,
      CorrectionsModule,
      DeathsModule,
      DivorcesModule,
      ExtractsModule,
      FamiliesModule,
      HealthModule,
      MarriagesModule,
      PersonsModule,
    ],
  })
  class AppModule {}

  return AppModule;
}
