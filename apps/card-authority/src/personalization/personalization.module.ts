import { Module } from '@nestjs/common';

import { CardsModule } from '../cards/cards.module';
import { IdentitiesModule } from '../identities/identities.module';
import { KeysModule } from '../keys/keys.module';

import { PersonalizationJobsService } from './personalization-jobs.service';
import { PersonalizationResultsController } from './personalization-results.controller';
import { PersonalizationResultsService } from './personalization-results.service';
import { PersonalizationSecretsController } from './personalization-secrets.controller';
import { PersonalizationSecretsService } from './personalization-secrets.service';

@Module({
  controllers: [PersonalizationResultsController, PersonalizationSecretsController],
  exports: [PersonalizationJobsService],
  imports: [CardsModule, IdentitiesModule, KeysModule],
  providers: [
    PersonalizationJobsService,
    PersonalizationResultsService,
    PersonalizationSecretsService,
  ],
})
export class PersonalizationModule {}
