import { Module } from '@nestjs/common';

import { CardLifecycleService } from './card-lifecycle.service';
import { CardsController } from './cards.controller';
import { CardsService } from './cards.service';

@Module({
  controllers: [CardsController],
  exports: [CardLifecycleService],
  providers: [CardLifecycleService, CardsService],
})
export class CardsModule {}
