import { Module, type DynamicModule } from '@nestjs/common';

import { AuthModule } from '@bitaqa/auth';

import { FUEL_AUDIENCE } from './auth/scopes';
import { BeneficiariesModule } from './beneficiaries/beneficiaries.module';
import { CatalogueModule } from './catalogue/catalogue.module';
import { EntitlementsModule } from './entitlements/entitlements.module';
import { HealthModule } from './health/health.module';
import {
  InfrastructureModule,
  type InfrastructureDependencies,
} from './infrastructure/infrastructure.module';
import { LedgerModule } from './ledger/ledger.module';
import { LegacyImportModule } from './legacy-import/legacy-import.module';
import { PolicySwitchModule } from './policy-switch/policy-switch.module';
import { RedemptionsModule } from './redemptions/redemptions.module';
import { ReportsModule } from './reports/reports.module';
import { StationsModule } from './stations/stations.module';
import { StatsModule } from './stats/stats.module';
import { TurnsModule } from './turns/turns.module';
import { VehiclesModule } from './vehicles/vehicles.module';
import { WhatIfModule } from './what-if/what-if.module';

@Module({})
export class AppModule {
  static register(dependencies: InfrastructureDependencies): DynamicModule {
    return {
      imports: [
        AuthModule.forRoot({ audience: FUEL_AUDIENCE }),
        InfrastructureModule.register(dependencies),
        BeneficiariesModule,
        CatalogueModule,
        EntitlementsModule,
        HealthModule,
        LedgerModule,
        LegacyImportModule,
        PolicySwitchModule,
        RedemptionsModule,
        ReportsModule,
        StationsModule,
        StatsModule,
        TurnsModule,
        VehiclesModule,
        WhatIfModule,
      ],
      module: AppModule,
    };
  }
}
