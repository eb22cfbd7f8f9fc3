import { Module } from '@nestjs/common';

import { CatalogueService } from './catalogue.service';
import { PolicyPublisherService } from './policy-publisher.service';

@Module({
  exports: [CatalogueService, PolicyPublisherService],
  providers: [CatalogueService, PolicyPublisherService],
})
export class CatalogueModule {}
