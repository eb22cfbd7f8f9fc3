import { Module } from '@nestjs/common';

import { StationsController } from './stations.controller';
import { StationsService } from './stations.service';

@Module({
  controllers: [StationsController],
  exports: [StationsService],
  providers: [StationsService],
})
export class StationsModule {}
