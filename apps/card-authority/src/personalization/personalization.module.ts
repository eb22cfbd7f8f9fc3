import { Module } from '@nestjs/common';

import { CardsModule } from '../cards/cards.module';
import { IdentitiesModule } from '../identities/identities.module';

import { PersonalizationJobsService } from './personalization-jobs.service';
import { PersonalizationResultsController } from './personalization-results.controller';
import { PersonalizationResultsService } from './personalization-results.service';

@Module({
  controllers: [PersonalizationResultsController],
  exports: [PersonalizationJobsService],
  imports: [CardsModule, IdentitiesModule],
  providers: [PersonalizationJobsService, PersonalizationResultsService],
})
export class PersonalizationModule {}
