import { Module } from '@nestjs/common';

import { CatalogueModule } from '../catalogue/catalogue.module';
import { LedgerModule } from '../ledger/ledger.module';

import { AccountReconcilerService } from './account-reconciler.service';
import { EntitlementQueryService } from './entitlement-query.service';
import { EntitlementReaderService } from './entitlement-reader.service';
import { EntitlementsController } from './entitlements.controller';
import { FamilyEntitlementsService } from './family-entitlements.service';
import { VehicleEntitlementsService } from './vehicle-entitlements.service';

@Module({
  controllers: [EntitlementsController],
  exports: [EntitlementReaderService, FamilyEntitlementsService, VehicleEntitlementsService],
  imports: [CatalogueModule, LedgerModule],
  providers: [
    AccountReconcilerService,
    EntitlementQueryService,
    EntitlementReaderService,
    FamilyEntitlementsService,
    VehicleEntitlementsService,
  ],
})
export class EntitlementsModule {}
