import { Controller, Get, Param, Query } from '@nestjs/common';

import { RequireScopes } from '@bitaqa/auth';
import { ZodValidationPipe } from '@bitaqa/http';

import { Callers, CurrentCaller } from '../agencies/auth/caller.guard';
import type { OperatorCaller } from '../agencies/auth/caller';
import { IdentityScopes } from '../auth/scopes';
import {
  type NationalNumberParams,
  nationalNumberParams,
} from '../identities/dto/national-number.params';
import type { IdentityView } from '../identities/identity-view';

import { type IdentityReadQuery, identityReadQuery } from './dto/identity-read.query';
import { IdentityReads } from './identity-reads.service';

/** Whole identity records for operators. Agencies use verifications and releases instead. */
@Controller('identities')
@RequireScopes(IdentityScopes.operate)
@Callers('operator')
export class IdentityReadsController {
  constructor(private readonly reads: IdentityReads) {}

  @Get(':nationalNumber')
  async get(
    @Param(new ZodValidationPipe(nationalNumberParams)) params: NationalNumberParams,
    @Query(new ZodValidationPipe(identityReadQuery)) query: IdentityReadQuery,
    @CurrentCaller() caller: OperatorCaller,
  ): Promise<IdentityView> {
    return this.reads.read(caller, params.nationalNumber, query);
  }
}
