import { Module } from '@nestjs/common';

import { CardsModule } from '../cards/cards.module';

import { HotlistRebuildService } from './hotlist-rebuild.service';
import { HotlistController } from './hotlist.controller';
import { HotlistService } from './hotlist.service';

@Module({
  controllers: [HotlistController],
  imports: [CardsModule],
  providers: [HotlistRebuildService, HotlistService],
})
export class HotlistModule {}
