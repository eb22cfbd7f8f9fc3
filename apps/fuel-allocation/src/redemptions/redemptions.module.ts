import { Module } from '@nestjs/common';

import { CatalogueModule } from '../catalogue/catalogue.module';
import { EntitlementsModule } from '../entitlements/entitlements.module';
import { LedgerModule } from '../ledger/ledger.module';
import { StationsModule } from '../stations/stations.module';
import { TurnsModule } from '../turns/turns.module';

import { RedemptionTargetService } from './redemption-target.service';
import { RedemptionsController } from './redemptions.controller';
import { RedemptionsService } from './redemptions.service';
import { ReversalsService } from './reversals.service';

@Module({
  controllers: [RedemptionsController],
  imports: [CatalogueModule, EntitlementsModule, LedgerModule, StationsModule, TurnsModule],
  providers: [RedemptionTargetService, RedemptionsService, ReversalsService],
})
export class RedemptionsModule {}
