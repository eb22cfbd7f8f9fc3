import { Module } from '@nestjs/common';

import { FuelAllocationClient } from './fuel-allocation.client';

@Module({ exports: [FuelAllocationClient], providers: [FuelAllocationClient] })
export class FuelAllocationModule {}
