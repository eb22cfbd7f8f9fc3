import { Module } from '@nestjs/common';

import { CacheModule } from '../cache/cache.module';
import { TransactionsModule } from '../transactions/transactions.module';

import { StatusController } from './status.controller';

@Module({ controllers: [StatusController], imports: [CacheModule, TransactionsModule] })
export class StatusModule {}
