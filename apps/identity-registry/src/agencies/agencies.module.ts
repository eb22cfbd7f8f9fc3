import { Module } from '@nestjs/common';

import { AgenciesController } from './agencies.controller';
import { Agencies } from './agencies.service';
import { AgencyPolicies } from './agency-policies.service';
import { AgencyRepository } from './agency.repository';
import { ApiKeys } from './api-keys.service';
import { ApiKeyAuthenticator } from './auth/api-key-authenticator';
import { CALLER_AUTHENTICATOR } from './auth/caller';
import { RateLimiter } from './rate-limit/rate-limiter.service';

/**
 * Agencies, their policies and API keys, and the caller authentication and rate limit that
 * `@Callers` applies in every module that imports this one.
 */
@Module({
  controllers: [AgenciesController],
  exports: [AgencyPolicies, CALLER_AUTHENTICATOR, RateLimiter],
  providers: [
    Agencies,
    AgencyPolicies,
    AgencyRepository,
    ApiKeys,
    { provide: CALLER_AUTHENTICATOR, useClass: ApiKeyAuthenticator },
    RateLimiter,
  ],
})
export class AgenciesModule {}
