import { Module } from '@nestjs/common';

import { AgenciesModule } from '../agencies/agencies.module';
import { IdentitiesModule } from '../identities/identities.module';

import { IdentityReadsController } from './identity-reads.controller';
import { IdentityReads } from './identity-reads.service';
import { LookupAccess } from './lookup-access.service';
import { LookupLogRepository } from './lookup-log.repository';
import { LookupsController } from './lookups.controller';
import { Lookups } from './lookups.service';
import { ReleasesController } from './releases.controller';
import { Releases } from './releases.service';
import { VerificationsController } from './verifications.controller';
import { Verifications } from './verifications.service';

/**
 * Verification and attribute release for agencies, whole-record reads for operators, and the
 * lookup log they all write.
 */
@Module({
  controllers: [
    IdentityReadsController,
    LookupsController,
    ReleasesController,
    VerificationsController,
  ],
  imports: [AgenciesModule, IdentitiesModule],
  providers: [IdentityReads, LookupAccess, LookupLogRepository, Lookups, Releases, Verifications],
})
export class VerificationsModule {}
