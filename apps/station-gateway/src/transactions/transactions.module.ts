import { Module } from '@nestjs/common';

import { CacheModule } from '../cache/cache.module';
import { CardAuthModule } from '../card-auth/card-auth.module';
import { FuelAllocationModule } from '../fuel-allocation/fuel-allocation.module';

import { TransactionRepository } from './transaction.repository';
import { TransactionsController } from './transactions.controller';
import { TransactionsService } from './transactions.service';

@Module({
  controllers: [TransactionsController],
  exports: [TransactionRepository],
  imports: [CacheModule, CardAuthModule, FuelAllocationModule],
  providers: [TransactionRepository, TransactionsService],
})
export class TransactionsModule {}
