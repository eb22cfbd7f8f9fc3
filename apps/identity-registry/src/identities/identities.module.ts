import { Module } from '@nestjs/common';

import { IdentityChanges } from './identity-changes.service';
import { IdentityQueries } from './identity-query.service';
import { IdentityRepository } from './identity.repository';

@Module({
  exports: [IdentityChanges, IdentityQueries, IdentityRepository],
  providers: [IdentityChanges, IdentityQueries, IdentityRepository],
})
export class IdentitiesModule {}
