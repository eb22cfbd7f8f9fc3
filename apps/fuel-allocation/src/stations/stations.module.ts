import { Module } from '@nestjs/common';

import { StationKeyGuard } from './station-key.guard';
import { StationsController } from './stations.controller';
import { StationsService } from './stations.service';

@Module({
  controllers: [StationsController],
  exports: [StationKeyGuard, StationsService],
  providers: [StationKeyGuard, StationsService],
})
export class StationsModule {}
