import { Module } from '@nestjs/common';

import { CatalogueModule } from '../catalogue/catalogue.module';

import { DistributorViewReader } from './distributor-view.reader';
import { DistributorsController } from './distributors.controller';
import { DistributorsService } from './distributors.service';

@Module({
  controllers: [DistributorsController],
  exports: [DistributorsService],
  imports: [CatalogueModule],
  providers: [DistributorViewReader, DistributorsService],
})
export class DistributorsModule {}
