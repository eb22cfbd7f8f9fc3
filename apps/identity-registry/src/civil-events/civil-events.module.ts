import { Module } from '@nestjs/common';

import { DuplicatesModule } from '../duplicates/duplicates.module';
import { FamiliesModule } from '../families/families.module';
import { IdentitiesModule } from '../identities/identities.module';

import { CivilEventsController } from './civil-events.controller';
import { PersonCorrections } from './person-corrections.service';
import { PersonEvents } from './person-events.service';

@Module({
  controllers: [CivilEventsController],
  imports: [DuplicatesModule, FamiliesModule, IdentitiesModule],
  providers: [PersonCorrections, PersonEvents],
})
export class CivilEventsModule {}
