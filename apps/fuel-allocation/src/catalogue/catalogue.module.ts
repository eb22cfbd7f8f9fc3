import { Module } from '@nestjs/common';

import { CatalogueRefreshLifecycle } from './catalogue-refresh.lifecycle';
import { CatalogueController } from './catalogue.controller';
import { CatalogueService } from './catalogue.service';
import { PolicyPublisherService } from './policy-publisher.service';
import { PolicyVersionsService } from './policy-versions.service';
import { PricesService } from './prices.service';

@Module({
  controllers: [CatalogueController],
  exports: [CatalogueRefreshLifecycle, CatalogueService, PolicyPublisherService],
  providers: [
    CatalogueRefreshLifecycle,
    CatalogueService,
    PolicyPublisherService,
    PolicyVersionsService,
    PricesService,
  ],
})
export class CatalogueModule {}
