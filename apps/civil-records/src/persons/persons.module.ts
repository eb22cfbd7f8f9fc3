import { Module } from '@nestjs/common';

import { ImportService } from './import.service';
import { PersonTimeline } from './person-timeline.service';
import { PersonsController } from './persons.controller';
import { PersonsService } from './persons.service';

@Module({
  controllers: [PersonsController],
  exports: [PersonsService, PersonTimeline],
  providers: [ImportService, PersonsService, PersonTimeline],
})
export class PersonsModule {}
