import { Module } from '@nestjs/common';

import { EntitlementsModule } from '../entitlements/entitlements.module';

import { VehiclesController } from './vehicles.controller';
import { VehiclesService } from './vehicles.service';

@Module({
  controllers: [VehiclesController],
  imports: [EntitlementsModule],
  providers: [VehiclesService],
})
export class VehiclesModule {}
