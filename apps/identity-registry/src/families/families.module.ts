import { Module } from '@nestjs/common';

import { IdentitiesModule } from '../identities/identities.module';

import { FamilyPlacements } from './family-placements.service';
import { FamilySnapshots } from './family-snapshots.service';
import { FamilyRepository } from './family.repository';

@Module({
  exports: [FamilyPlacements, FamilySnapshots],
  imports: [IdentitiesModule],
  providers: [FamilyPlacements, FamilyRepository, FamilySnapshots],
})
export class FamiliesModule {}
