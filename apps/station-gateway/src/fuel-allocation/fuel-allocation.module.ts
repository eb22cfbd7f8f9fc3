import { Module } from '@nestjs/common';

import type { StationConfig } from '../config';
import { STATION_CONFIG } from '../tokens';

import { FuelAllocationClient } from './fuel-allocation.client';
import { FUEL_ALLOCATION_TOKENS, fuelAllocationTokenSource } from './fuel-allocation-tokens';

@Module({
  exports: [FuelAllocationClient],
  providers: [
    FuelAllocationClient,
    {
      inject: [STATION_CONFIG],
      provide: FUEL_ALLOCATION_TOKENS,
      useFactory: (config: StationConfig) => fuelAllocationTokenSource(config),
    },
  ],
})
export class FuelAllocationModule {}
