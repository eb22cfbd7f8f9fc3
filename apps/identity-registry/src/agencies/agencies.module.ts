import { Module } from '@nestjs/common';

import { AgenciesController } from './agencies.controller';
import { Agencies } from './agencies.service';
import { AgencyPolicies } from './agency-policies.service';
import { AgencyStatuses } from './agency-statuses.service';
import { AgencyRepository } from './agency.repository';
import { RateLimiter } from './rate-limit/rate-limiter.service';

/**
 * Agencies, their status and policies, and the caller checks and rate limit that `@Callers`
 * applies in every module that imports this one.
 */
@Module({
  controllers: [AgenciesController],
  exports: [AgencyPolicies, AgencyStatuses, RateLimiter],
  providers: [Agencies, AgencyPolicies, AgencyRepository, AgencyStatuses, RateLimiter],
})
export class AgenciesModule {}
