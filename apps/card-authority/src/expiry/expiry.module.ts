import { Module } from '@nestjs/common';

import { CardsModule } from '../cards/cards.module';

import { ExpiryController } from './expiry.controller';
import { ExpiryScheduler } from './expiry.scheduler';
import { ExpiryService } from './expiry.service';

@Module({
  controllers: [ExpiryController],
  imports: [CardsModule],
  providers: [ExpiryScheduler, ExpiryService],
})
export class ExpiryModule {}
