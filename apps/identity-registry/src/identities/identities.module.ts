import { Module } from '@nestjs/common';

import { IdentitiesController } from './identities.controller';
import { IdentityChanges } from './identity-changes.service';
import { IdentityQueries } from './identity-query.service';
import { IdentityRepository } from './identity.repository';

@Module({
  controllers: [IdentitiesController],
  exports: [IdentityChanges, IdentityRepository],
  providers: [IdentityChanges, IdentityQueries, IdentityRepository],
})
export class IdentitiesModule {}
