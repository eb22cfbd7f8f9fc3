import { Module } from '@nestjs/common';

import { CardLifecycleService } from './card-lifecycle.service';
import { CardRepository } from './card.repository';
import { CardsController } from './cards.controller';
import { CardsService } from './cards.service';

@Module({
  controllers: [CardsController],
  exports: [CardLifecycleService, CardRepository],
  providers: [CardLifecycleService, CardRepository, CardsService],
})
export class CardsModule {}
