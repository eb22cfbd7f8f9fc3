import { Controller, Get, Param, Query } from '@nestjs/common';

import { RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { Callers } from '../agencies/auth/caller.guard';
import { IdentityScopes } from '../auth/scopes';
import { nationalNumberParams } from '../identities/dto/national-number.params';

import { type LookupsQuery, lookupsQuery } from './dto/lookups.query';
import type { LookupPage } from './lookup';
import { Lookups } from './lookups.service';

/**
 * The list of agencies that looked a person up, for the person. Until citizens can authenticate to the registry,
 * operators (a service desk or the citizen portal's back end) read it on their behalf.
 */
@Controller('identities/:nationalNumber/lookups')
@RequireScopes(IdentityScopes.operate)
@Callers('operator')
export class LookupsController {
  constructor(private readonly lookups: Lookups) {}

  /** Lists verifications and releases concerning the person, newest first. */
  @Get()
  async list(
    @Param(new ZodValidationPipe(nationalNumberParams)) params: { nationalNumber: string },
    @Query(new ZodValidationPipe(lookupsQuery)) query: LookupsQuery,
  ): Promise<LookupPage> {
    return this.lookups.list(params.nationalNumber, query);
  }
}
