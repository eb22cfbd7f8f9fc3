import { Module } from '@nestjs/common';

import { AgenciesModule } from '../agencies/agencies.module';
import { IdentitiesModule } from '../identities/identities.module';

import { CandidateFinder } from './candidate-finder';
import { DuplicateCaseRepository } from './duplicate-case.repository';
import { DuplicateDetection } from './duplicate-detection.service';
import { DuplicateQueries } from './duplicate-queries.service';
import { DuplicateResolutions } from './duplicate-resolution.service';
import { DEFAULT_DUPLICATE_SETTINGS, DUPLICATE_SETTINGS } from './duplicate-settings';
import { DuplicatesController } from './duplicates.controller';

/** Duplicate detection on registration, the review queue and operators' decisions. */
@Module({
  controllers: [DuplicatesController],
  exports: [DuplicateDetection],
  imports: [AgenciesModule, IdentitiesModule],
  providers: [
    CandidateFinder,
    DuplicateCaseRepository,
    DuplicateDetection,
    DuplicateQueries,
    DuplicateResolutions,
    { provide: DUPLICATE_SETTINGS, useValue: DEFAULT_DUPLICATE_SETTINGS },
  ],
})
export class DuplicatesModule {}
